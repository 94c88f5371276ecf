import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openIssuerDatabase } from './data-source.js';
import { UnitOfWork } from './unit-of-work.js';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource.destroy();
  }
}

/** The issuer's one DataSource, migrated before anything else starts, and the units of work on it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await openIssuerDatabase(databaseUrl);
            new Logger('Database').log('Connected; migrations applied');
            return dataSource;
          },
        },
        DatabaseLifecycle,
        UnitOfWork,
      ],
      exports: [DataSource, UnitOfWork],
    };
  }
}
