// Invocation indexing for 1-D work over a grid that may spill into y (more than 65535
// workgroups along x): the flat index of an invocation, or of its workgroup.

fn flat_invocation(wid: vec3<u32>, nwg: vec3<u32>, lid: u32, wg_size: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * wg_size + lid;
}

fn flat_workgroup(wid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return wid.y * nwg.x + wid.x;
}
