/**
 * Standard normal distribution, without a statistics dependency: the CDF by Hart's
 * double-precision rational approximation (as given by G. West, "Better approximations to
 * cumulative normal functions", 2005; error ~1e-15), the quantile by P. J. Acklam's rational
 * approximation (relative error 1.15e-9) polished by one Halley step against that CDF, which
 * brings it to full double precision.
 */

/** Φ(x): probability that a standard normal variable is at most x. */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688;
      n = n * a + 6.37396220353165;
      n = n * a + 33.912866078383;
      n = n * a + 112.079291497871;
      n = n * a + 221.213596169931;
      n = n * a + 220.206867912376;
      let d = 8.83883476483184e-2 * a + 1.75566716318264;
      d = d * a + 16.064177579207;
      d = d * a + 86.7807322029461;
      d = d * a + 296.564248779674;
      d = d * a + 637.333633378831;
      d = d * a + 793.826512519948;
      d = d * a + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let c = a + 0.65;
      c = a + 4 / c;
      c = a + 3 / c;
      c = a + 2 / c;
      c = a + 1 / c;
      tail = e / c / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (coefficients: readonly number[], x: number) => coefficients.reduce((acc, c) => acc * x + c, 0);

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/** Φ⁻¹(p) for p in (0, 1): 0.95 → 1.6449, 0.5 → 0. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('probability must be more than 0 and less than 1');
  // The median exactly: the Halley step would add the CDF's last-bit error (~1e-17) to 0.
  if (p === 0.5) return 0;
  const x = acklam(p);
  // Halley's step on Φ(x) − p = 0 (Acklam's own refinement).
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

export const MIN_SERVICE_LEVEL = 0.5;
export const MAX_SERVICE_LEVEL = 0.9999;

/**
 * z of a service level (the chance of not running out during a lead time). Valid in
 * (0.5, 0.9999]: at 0.5 or below safety stock would be zero or negative, and above 0.9999 it
 * grows without bound for no practical gain.
 */
export function serviceLevelZ(serviceLevel: number): number {
  if (!(serviceLevel > MIN_SERVICE_LEVEL && serviceLevel <= MAX_SERVICE_LEVEL))
    throw new RangeError('service level must be more than 0.5 and at most 0.9999');
  return normalQuantile(serviceLevel);
}
