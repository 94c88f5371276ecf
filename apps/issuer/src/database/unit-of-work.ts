import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * An open database transaction. A repository method that takes one writes only through it, so what
 * a unit of work writes across tables commits together or not at all.
 */
export type Transaction = Pick<EntityManager, 'query'>;

/** Runs work in one transaction: committed when it resolves, rolled back when it throws. */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
