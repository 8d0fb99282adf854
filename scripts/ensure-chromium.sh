#!/bin/sh
# Run by `pnpm test` before the tests: WebGPU tests in Node (Dawn, from the `webgpu` package) need
# a Vulkan driver, and Debian's chromium package ships SwiftShader's. As root on Debian without
# chromium, installs chromium and libvulkan1; otherwise says why WebGPU tests will report
# 'no adapter'. Never fails the run (set WEBGRAD_SKIP_CHROMIUM=1 to skip the install).
ICD=/usr/lib/chromium/vk_swiftshader_icd.json

have_driver() {
  [ -x /usr/bin/chromium ] && [ -f "$ICD" ] && { ! command -v dpkg >/dev/null 2>&1 || dpkg -s libvulkan1 >/dev/null 2>&1; }
}

if have_driver; then
  exit 0
fi
if [ -n "$WEBGRAD_SKIP_CHROMIUM" ]; then
  echo "ensure-chromium: WEBGRAD_SKIP_CHROMIUM is set; WebGPU tests will report 'no adapter'"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
  echo "ensure-chromium: no SwiftShader Vulkan driver at $ICD, and not root on Debian with apt-get;"
  echo "  WebGPU tests will report 'no adapter' (install chromium and libvulkan1 to run them)"
  exit 0
fi
echo "ensure-chromium: installing chromium and libvulkan1 for the WebGPU tests (SwiftShader)"
if DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium libvulkan1 >/dev/null; then
  have_driver && exit 0
  echo "ensure-chromium: installed, but $ICD is still missing; WebGPU tests will report 'no adapter'"
else
  echo "ensure-chromium: apt-get failed; WebGPU tests will report 'no adapter'"
fi
exit 0
