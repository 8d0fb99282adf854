// The error function in double precision (JavaScript has no Math.erf), for the reference kernel.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) = 2/√π · exp(−x²) · Σₙ 2ⁿ x²ⁿ⁺¹ / (1·3·…·(2n+1))  (Abramowitz & Stegun 7.1.6).
 * Every term is positive, so nothing cancels: the sum is accurate to a few ulp. Past |x| = 6,
 * erfc(x) < 2.2e-17 and erf(x) is ±1 in double precision.
 */
export function erf(x: number): number {
  if (Number.isNaN(x) || x === 0) return x; // keeps −0
  if (Math.abs(x) >= 6) return Math.sign(x);
  const twoX2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}
