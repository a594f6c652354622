// Seeded random draws for the simulation (pure-rand's xoroshiro128+): the same seed gives the same
// run on every machine. One stream per purpose (arrivals, service, patience) so that changing
// how one is drawn leaves the others' sequences alone.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export class RandomStream {
  private readonly rng;

  constructor(seed: number, purpose: number) {
    // Mixing the purpose into the seed (golden-ratio step) keeps the streams apart.
    this.rng = xoroshiro128plus((seed ^ Math.imul(purpose + 1, 0x9e3779b9)) | 0);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** Exponential with this mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Poisson with this mean: Knuth's product for small means, a rounded normal beyond 50 (error far below the forecast's). */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 50) {
      const u1 = 1 - this.uniform();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.uniform());
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) { k += 1; p *= this.uniform(); }
    return k;
  }
}
