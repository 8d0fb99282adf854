// <lesson-scatter>: points and curves on two linear axes, drawn as SVG (a handful of points and
// lines redrawn each frame is what SVG is good at). The lessons draw data, a fitted line or
// curve moving toward it, and the exact answer for comparison.
import { css, html, LitElement, svg } from 'lit';
import { ticks } from './ticks.js';

/** A set of points drawn as dots. */
export interface PointSet {
  label: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  /** Dot radius in pixels (default 4). */
  radius?: number;
  opacity?: number;
}

/** A polyline through (x[i], y[i]). */
export interface Curve {
  label: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  dashed?: boolean;
  width?: number;
  opacity?: number;
  /** Left out of the legend (e.g. a faded trail of earlier fits). */
  unlabelled?: boolean;
}

const [WIDTH, HEIGHT] = [520, 320];
const MARGIN = { left: 44, right: 12, top: 10, bottom: 36 };

/** A scatter plot with fitted curves; set `points`, `curves` and the two domains. */
export class LessonScatter extends LitElement {
  static override properties = {
    points: { attribute: false },
    curves: { attribute: false },
    xDomain: { attribute: false },
    yDomain: { attribute: false },
    xLabel: { attribute: 'x-label' },
    yLabel: { attribute: 'y-label' },
  };

  static override styles = css`
    :host { display: block; max-width: ${WIDTH}px; }
    svg { width: 100%; height: auto; font: 11px system-ui; }
    .axis { stroke: #94a3b8; }
    .grid { stroke: #e2e8f0; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font: 12px system-ui; }
    .swatch { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
  `;

  points: PointSet[] = [];
  curves: Curve[] = [];
  xDomain: [number, number] = [0, 1];
  yDomain: [number, number] = [0, 1];
  xLabel = '';
  yLabel = '';

  private sx(x: number): number {
    const [lo, hi] = this.xDomain;
    return MARGIN.left + ((x - lo) / (hi - lo)) * (WIDTH - MARGIN.left - MARGIN.right);
  }

  private sy(y: number): number {
    const [lo, hi] = this.yDomain;
    return HEIGHT - MARGIN.bottom - ((y - lo) / (hi - lo)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  }

  private renderAxes() {
    const [x0, x1, y0, y1] = [MARGIN.left, WIDTH - MARGIN.right, MARGIN.top, HEIGHT - MARGIN.bottom];
    return svg`
      ${ticks(...this.xDomain).map((t) => svg`<line class="grid" x1=${this.sx(t)} x2=${this.sx(t)} y1=${y0} y2=${y1} /><text x=${this.sx(t)} y=${y1 + 14} text-anchor="middle">${+t.toPrecision(6)}</text>`)}
      ${ticks(...this.yDomain).map((t) => svg`<line class="grid" x1=${x0} x2=${x1} y1=${this.sy(t)} y2=${this.sy(t)} /><text x=${x0 - 4} y=${this.sy(t) + 4} text-anchor="end">${+t.toPrecision(6)}</text>`)}
      <line class="axis" x1=${x0} x2=${x1} y1=${y1} y2=${y1} /><line class="axis" x1=${x0} x2=${x0} y1=${y0} y2=${y1} />
      <text x=${(x0 + x1) / 2} y=${HEIGHT - 4} text-anchor="middle">${this.xLabel}</text>
      <text transform="translate(11 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${this.yLabel}</text>`;
  }

  private path(c: Curve): string {
    const parts: string[] = [];
    for (let i = 0; i < c.x.length; i++) {
      const y = c.y[i]!;
      // A diverging fit leaves the plot; clamp far-off values so the path stays drawable.
      const py = Number.isFinite(y) ? Math.max(-1e4, Math.min(1e4, this.sy(y))) : NaN;
      if (Number.isNaN(py)) continue;
      parts.push(`${parts.length ? 'L' : 'M'}${this.sx(c.x[i]!).toFixed(1)},${py.toFixed(1)}`);
    }
    return parts.join('');
  }

  protected override render() {
    const [x0, x1, y0, y1] = [MARGIN.left, WIDTH - MARGIN.right, MARGIN.top, HEIGHT - MARGIN.bottom];
    return html`
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${this.yLabel} against ${this.xLabel}">
        <defs><clipPath id="plot-area"><rect x=${x0} y=${y0} width=${x1 - x0} height=${y1 - y0} /></clipPath></defs>
        ${this.renderAxes()}
        <g clip-path="url(#plot-area)">
          ${this.points.map((p) => p.x.map((x, i) => svg`<circle cx=${this.sx(x)} cy=${this.sy(p.y[i]!)} r=${p.radius ?? 4} fill=${p.color} fill-opacity=${p.opacity ?? 0.8} />`))}
          ${this.curves.map((c) => svg`<path d=${this.path(c)} fill="none" stroke=${c.color} stroke-width=${c.width ?? 2.5} stroke-dasharray=${c.dashed ? '6 4' : 'none'} stroke-opacity=${c.opacity ?? 1} />`)}
        </g>
      </svg>
      <div class="legend">
        ${this.points.map((p) => html`<span><span class="swatch" style="background:${p.color};height:8px;width:8px;border-radius:4px"></span>${p.label}</span>`)}
        ${this.curves.filter((c) => !c.unlabelled).map((c) => html`<span><span class="swatch" style="background:${c.color}"></span>${c.label}</span>`)}
      </div>`;
  }
}

customElements.define('lesson-scatter', LessonScatter);
