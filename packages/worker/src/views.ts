// Data for the page's views, computed in the worker: parameter/gradient snapshots and the
// decision surface of a 2-D model over a grid.
import * as wg from '@webgrad/tensor';
import * as nn from '@webgrad/nn';
import type { Run } from './build.js';
import type { TensorSnapshot } from './protocol.js';

/** Every parameter's values (and latest gradient, if any) with its path. */
export async function snapshotParameters(model: nn.Module): Promise<TensorSnapshot[]> {
  const out: TensorSnapshot[] = [];
  for (const [path, p] of model.namedParameters()) {
    const snapshot: TensorSnapshot = { path, shape: [...p.shape], values: Float32Array.from(await p.data()), frozen: !p.requiresGrad };
    if (p.grad && !p.grad.isDisposed) snapshot.grad = Float32Array.from(await p.grad.data());
    out.push(snapshot);
  }
  return out;
}

/** A resolution × resolution grid over the 2-D data (with a margin), row-major from the top left. */
function gridOver(run: Run, resolution: number): { extent: [number, number, number, number]; grid: Float32Array; points: Float32Array; labels: Float32Array } {
  if (run.inputs !== 2) throw new Error(`views: need 2-D inputs, this dataset has ${run.inputs} features`);
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > 256) throw new Error(`views: resolution must be an integer from 2 to 256, got ${resolution}`);
  const points = Float32Array.from(run.train.features.values);
  const labels = Float32Array.from(run.train.labels.values);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    [x0, x1] = [Math.min(x0, points[i]!), Math.max(x1, points[i]!)];
    [y0, y1] = [Math.min(y0, points[i + 1]!), Math.max(y1, points[i + 1]!)];
  }
  const [mx, my] = [(x1 - x0) * 0.1 || 1, (y1 - y0) * 0.1 || 1];
  const extent: [number, number, number, number] = [x0 - mx, x1 + mx, y0 - my, y1 + my];
  const grid = new Float32Array(resolution * resolution * 2);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const i = (r * resolution + c) * 2;
      grid[i] = extent[0] + ((c + 0.5) / resolution) * (extent[1] - extent[0]);
      grid[i + 1] = extent[3] - ((r + 0.5) / resolution) * (extent[3] - extent[2]);
    }
  }
  return { extent, grid, points, labels };
}

/**
 * The model's output over a resolution × resolution grid covering the data (with a margin):
 * class probabilities per cell (cell-major) for classifiers, the value for regression.
 */
export async function decisionBoundary(run: Run, resolution: number): Promise<{ extent: [number, number, number, number]; values: Float32Array; points: Float32Array; labels: Float32Array }> {
  const { extent, grid, points, labels } = gridOver(run, resolution);
  const x = wg.tensor(grid, { shape: [resolution * resolution, 2] });
  const logits = run.trainer.predict(x);
  const out = run.regression ? logits : wg.scope(() => wg.softmax(logits, -1));
  const values = Float32Array.from(await out.data());
  wg.dispose([x, logits, out]);
  return { extent, values, points, labels };
}

/** One layer's units over the input plane: `units` heatmaps of resolution² values, unit-major. */
export interface LayerActivations {
  path: string;
  units: number;
  values: Float32Array;
}

/**
 * Every neuron's activation over the input plane, for a sequential model on 2-D data: the
 * output of each activation layer (and of the final layer), one heatmap per unit.
 */
export async function neuronActivations(run: Run, resolution: number): Promise<LayerActivations[]> {
  const { grid } = gridOver(run, resolution);
  const layers = (run.model as nn.Sequential).layers;
  if (!layers) throw new Error('neurons: the model is not a sequential chain of layers');
  const cells = resolution * resolution;
  const x = wg.tensor(grid, { shape: [cells, 2] });
  const wasTraining = run.model.training;
  run.model.eval();
  const outputs = wg.scope(() => wg.untracked(() => {
    const kept: { path: string; t: wg.Tensor }[] = [];
    let h = x;
    layers.forEach((layer, i) => {
      h = layer.forward(h);
      if (layer instanceof nn.Activation || i === layers.length - 1) kept.push({ path: layer.path, t: h });
    });
    return kept;
  }));
  run.model.train(wasTraining);
  const result: LayerActivations[] = [];
  for (const { path, t } of outputs) {
    const units = t.shape[1]!;
    const flat = await t.data();
    // Cell-major from the model; the view wants one contiguous heatmap per unit.
    const values = new Float32Array(units * cells);
    for (let c = 0; c < cells; c++) for (let u = 0; u < units; u++) values[u * cells + c] = flat[c * units + u]!;
    result.push({ path, units, values });
    t.dispose();
  }
  x.dispose();
  return result;
}
