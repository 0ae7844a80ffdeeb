import { z } from 'zod';

/**
 * The ledger event, as hashed and stored (LedgerEvent.canonical holds its RFC 8785 text):
 *
 *   {
 *     v: 1,                        // shape version of this JSON
 *     seq: 17,                     // 1, 2, 3 … per building, no gaps
 *     building: "<uuid>",          // Building.id, lowercase
 *     type: "pledge.signed",       // what happened: <domain>.<past-tense verb>
 *     actor: { id: "<uuid>", name?: "张三", role?: "SUPERVISION" } | { system: true },
 *     at: "2026-11-25T06:31:00.000Z", // ISO-8601 UTC, milliseconds (Date#toISOString)
 *     subjects: { pledgeId: "<uuid>", … }, // ids of the records the event is about
 *     files: ["<sha256 hex>", …],  // every document/photo the event refers to
 *     data: { … }                  // type-specific facts, plain JSON
 *   }
 *
 * Stored events outlive this code: never change what a field of v1 means.
 * A new shape gets v: 2 and readers keep accepting v: 1. Verification
 * (chain.ts) reads v, seq, building, type, actor and at back from the text.
 */
export const LEDGER_EVENT_VERSION = 1;

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const ledgerEventType = z
  .string()
  .max(64)
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/);

export const ledgerActor = z.union([
  z.strictObject({
    id: z.uuid().transform((id) => id.toLowerCase()),
    name: z.string().min(1).max(200).optional(),
    role: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ system: z.literal(true) }),
]);
export type LedgerActor = z.infer<typeof ledgerActor>;

/** What a domain service passes to recordEvent; seq, hash and the version are the ledger's business. */
export const ledgerEventInput = z.strictObject({
  buildingId: z.uuid().transform((id) => id.toLowerCase()),
  type: ledgerEventType,
  actor: ledgerActor,
  /** When it happened; defaults to the moment of recording. */
  at: z.date().optional(),
  subjects: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), z.string().min(1).max(200)).default({}),
  files: z.array(sha256Hex).default([]),
  data: z.record(z.string(), z.json()).default({}),
});
export type LedgerEventInput = z.input<typeof ledgerEventInput>;
type ParsedInput = z.output<typeof ledgerEventInput>;

export interface LedgerEvent {
  v: typeof LEDGER_EVENT_VERSION;
  seq: number;
  building: string;
  type: string;
  actor: LedgerActor;
  at: string;
  subjects: ParsedInput['subjects'];
  files: ParsedInput['files'];
  data: ParsedInput['data'];
}
