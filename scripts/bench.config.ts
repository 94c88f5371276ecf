import { ConfigReader, type Environment } from '#service-kit';

export interface BenchConfig {
  /** Postgres server to create the benchmark's database on; else 127.0.0.1:5432 or an embedded one. */
  databaseUrl?: string;
  count: number;
  warmup: number;
}

export function loadBenchConfig(env: Environment = process.env): BenchConfig {
  const read = new ConfigReader(env);
  const config: BenchConfig = {
    databaseUrl: read.optionalString('DATABASE_URL'),
    count: read.integer('BENCH_COUNT', 1000, { min: 10 }),
    warmup: read.integer('BENCH_WARMUP', 50, { min: 0 }),
  };
  read.done();
  return config;
}
