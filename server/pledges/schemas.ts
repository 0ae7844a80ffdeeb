import { z } from 'zod';
import { PARTY_ROLES } from '@/server/authz/roles';
import { sha256Hex } from '@/server/ledger/event';

const partyRole = z.enum(PARTY_ROLES);

export const pledgeTaskInput = z.object({ projectId: z.uuid(), role: partyRole });

/** The leader signs the 授权书 and 承诺书 of every building still waiting for them, re-entering the password. */
export const signPledgesInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  password: z.string().min(1, { error: 'validation.required' }).max(256, { error: 'validation.tooLong' }),
});
export type SignPledgesInput = z.input<typeof signPledgesInput>;

/** Binds the scan of the paper 授权书, signed and stamped by the 法定代表人, to the leader's authorizations. */
export const attachOriginalInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  fileSha256: sha256Hex,
});
export type AttachOriginalInput = z.input<typeof attachOriginalInput>;
