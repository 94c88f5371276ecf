import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openVerifierDatabase } from './verifier-database.js';

/** The verifier's DataSource when VERIFIER_DATABASE_URL is set, else null: its state then lives in memory. */
export const VERIFIER_DATABASE = Symbol('VerifierDatabase');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(VERIFIER_DATABASE) private readonly dataSource: DataSource | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource?.destroy();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string | undefined): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: VERIFIER_DATABASE,
          useFactory: async () => {
            if (!databaseUrl) return null;
            const dataSource = await openVerifierDatabase(databaseUrl);
            new Logger('Database').log('Connected; migrations applied');
            return dataSource;
          },
        },
        DatabaseLifecycle,
      ],
      exports: [VERIFIER_DATABASE],
    };
  }
}
