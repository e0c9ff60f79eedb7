/**
 * Multi-source Dijkstra bounded by a time budget: the travel time from the nearest source to
 * every node reachable within `budgetSeconds` (Infinity elsewhere). A binary heap on typed arrays
 * keeps it fast enough for interactive isochrones in a worker.
 */
import type { RoadGraph } from './roadGraph';

class MinHeap {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  size = 0;

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.values[i] = this.values[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  /** Removes the smallest entry; read `topKey`/`topValue` first. */
  pop(): void {
    const lastKey = this.keys[--this.size];
    const lastValue = this.values[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= lastKey) break;
      this.keys[i] = this.keys[child];
      this.values[i] = this.values[child];
      i = child;
    }
    this.keys[i] = lastKey;
    this.values[i] = lastValue;
  }

  get topKey(): number {
    return this.keys[0];
  }
  get topValue(): number {
    return this.values[0];
  }
}

/** `sources`: node indices with their start times (e.g. the walk from the station to the road). */
export function boundedDijkstra(graph: RoadGraph, sources: { node: number; seconds: number }[], budgetSeconds: number): Float64Array {
  const time = new Float64Array(graph.lon.length).fill(Infinity);
  const heap = new MinHeap();
  for (const { node, seconds } of sources) {
    if (seconds <= budgetSeconds && seconds < time[node]) {
      time[node] = seconds;
      heap.push(seconds, node);
    }
  }
  while (heap.size > 0) {
    const t = heap.topKey;
    const u = heap.topValue;
    heap.pop();
    if (t > time[u]) continue;
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const v = graph.targets[e];
      const tv = t + graph.seconds[e];
      if (tv < time[v] && tv <= budgetSeconds) {
        time[v] = tv;
        heap.push(tv, v);
      }
    }
  }
  return time;
}
