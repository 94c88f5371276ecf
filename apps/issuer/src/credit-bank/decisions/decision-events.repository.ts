import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../database/unit-of-work.js';

export type DecisionAction =
  | 'proposed'
  | 'refused-by-rule'
  | 'confirmed'
  | 'edited'
  | 'refused'
  | 'withdrawn'
  | 'reversed'
  | 'dispute-opened'
  | 'panel-named'
  | 'vote'
  | 'dispute-decided';

export interface DecisionEvent {
  decisionId: string;
  action: DecisionAction;
  /** Who acted: `institution:<id>`, `learner:<holder DID>`, `reviewer:<institution id>`, or `system`. */
  actor: string;
  details: Record<string, unknown>;
  recordedAt: Date;
}

/** The `decision_events` table: every step of a decision and its disputes, append-only (a trigger refuses changes). */
@Injectable()
export class DecisionEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(tx: Transaction, event: Omit<DecisionEvent, 'recordedAt'>): Promise<void> {
    await tx.query(`INSERT INTO decision_events (decision_id, action, actor, details) VALUES ($1, $2, $3, $4)`, [
      event.decisionId,
      event.action,
      event.actor,
      JSON.stringify(event.details),
    ]);
  }

  async listOf(decisionIds: string[]): Promise<DecisionEvent[]> {
    const rows: { decision_id: string; action: DecisionAction; actor: string; details: Record<string, unknown>; recorded_at: Date }[] =
      await this.dataSource.query(`SELECT * FROM decision_events WHERE decision_id = ANY($1::uuid[]) ORDER BY id`, [decisionIds]);
    return rows.map((row) => ({
      decisionId: row.decision_id,
      action: row.action,
      actor: row.actor,
      details: row.details,
      recordedAt: row.recorded_at,
    }));
  }
}
