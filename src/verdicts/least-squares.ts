// Ordinary least squares for y = intercept + slope·x, with the residual RMS for a confidence.

export interface LineFit {
  slope: number;
  intercept: number;
  /** Root mean square of the residuals, in y units. */
  rms: number;
  n: number;
}

export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - (intercept + slope * (xs[i] ?? 0));
    ss += r * r;
  }
  return { slope, intercept, rms: Math.sqrt(ss / n), n };
}
