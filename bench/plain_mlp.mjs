// A straightforward multilayer perceptron in plain JavaScript, written for
// the network benchmark as the baseline: Float64Array weights, Math.tanh,
// per-sample forward and backward, SGD on mini-batches, the playground's
// tanh output with squared error. It is tighter than an object-per-neuron
// engine, so the comparison flatters the baseline rather than ActLab.
export class PlainMLP {
  constructor(sizes, seed = 1) {
    this.sizes = sizes;
    let s = seed >>> 0;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    this.W = [];
    this.b = [];
    this.gW = [];
    this.gb = [];
    this.a = [new Float64Array(sizes[0])];
    this.d = [null];
    for (let l = 1; l < sizes.length; l++) {
      this.W.push(Float64Array.from({ length: sizes[l] * sizes[l - 1] }, () => rand() - 0.5));
      this.b.push(new Float64Array(sizes[l]).fill(0.1));
      this.gW.push(new Float64Array(sizes[l] * sizes[l - 1]));
      this.gb.push(new Float64Array(sizes[l]));
      this.a.push(new Float64Array(sizes[l]));
      this.d.push(new Float64Array(sizes[l]));
    }
  }

  forward(x1, x2) {
    const { sizes, W, b, a } = this;
    a[0][0] = x1;
    a[0][1] = x2;
    for (let l = 1; l < sizes.length; l++) {
      const nin = sizes[l - 1];
      const w = W[l - 1];
      for (let j = 0; j < sizes[l]; j++) {
        let z = b[l - 1][j];
        for (let i = 0; i < nin; i++) z += w[j * nin + i] * a[l - 1][i];
        a[l][j] = Math.tanh(z);
      }
    }
    return a[sizes.length - 1];
  }

  // Accumulates the gradient of 1/2 (out - y)^2 for one sample.
  backward(y) {
    const { sizes, W, a, d, gW, gb } = this;
    const L = sizes.length - 1;
    const out = a[L][0];
    d[L][0] = (out - y) * (1 - out * out);
    for (let l = L; l >= 1; l--) {
      const nin = sizes[l - 1];
      for (let j = 0; j < sizes[l]; j++) {
        gb[l - 1][j] += d[l][j];
        for (let i = 0; i < nin; i++) gW[l - 1][j * nin + i] += d[l][j] * a[l - 1][i];
      }
      if (l > 1) {
        for (let i = 0; i < nin; i++) {
          let s = 0;
          for (let j = 0; j < sizes[l]; j++) s += d[l][j] * W[l - 1][j * nin + i];
          d[l - 1][i] = s * (1 - a[l - 1][i] * a[l - 1][i]);
        }
      }
    }
  }

  step(rate, count) {
    for (let l = 0; l < this.W.length; l++) {
      for (let i = 0; i < this.W[l].length; i++) {
        this.W[l][i] -= (rate * this.gW[l][i]) / count;
        this.gW[l][i] = 0;
      }
      for (let j = 0; j < this.b[l].length; j++) {
        this.b[l][j] -= (rate * this.gb[l][j]) / count;
        this.gb[l][j] = 0;
      }
    }
  }

  trainEpoch(inputs, labels, batch, rate, order) {
    const n = labels.length;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(n, start + batch);
      for (let k = start; k < end; k++) {
        const s = order[k];
        this.forward(inputs[2 * s], inputs[2 * s + 1]);
        this.backward(labels[s]);
      }
      this.step(rate, end - start);
    }
  }

  // Every neuron's output over a res x res grid (the playground's heatmaps).
  grid(res, neurons) {
    const count = this.sizes.slice(1).reduce((s, v) => s + v, 0);
    for (let p = 0; p < res * res; p++) {
      this.forward(-6 + (12 * (p % res)) / (res - 1), 6 - (12 * Math.floor(p / res)) / (res - 1));
      let k = 0;
      for (let l = 1; l < this.sizes.length; l++) {
        for (let j = 0; j < this.sizes[l]; j++) neurons[k++ * res * res + p] = this.a[l][j];
      }
    }
    return count;
  }
}
