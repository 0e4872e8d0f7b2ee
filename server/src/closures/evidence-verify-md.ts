import type { EvidenceRecord } from '@closure-desk/shared/evidence';

/** VERIFY.md: how to check this pack by hand, with no Closure Desk code (the rules of docs/AUDIT.md). */
export function verifyMarkdown(r: EvidenceRecord, cp: { origin: string; treeSize: number; rootHash: string }): string {
  return `# Verifying this evidence pack by hand

Closure request ${r.request.reference}; log "${cp.origin}", tree size ${cp.treeSize}, root ${cp.rootHash} (base64).
Every check below uses only SHA-256, Ed25519, base64 and JSON. \`npm run evidence:verify -- pack.zip --public-key key.pem\`
and the console's "Verify evidence" page do exactly these steps.

## Files

| file | holds |
| --- | --- |
| record.json | what the database holds about the request; each state change, refund and ledger line names its event |
| events.jsonl | one audit event per line, in the audit export's JSON form, plus \`leafIndex\` and \`inclusionPath\` |
| checkpoint.txt | the signed tree head the proofs lead to (C2SP tlog-checkpoint in a C2SP signed note) |
| public-key.pem | the Ed25519 public key (SPKI PEM) that signed it |
| consistency.json | RFC 9162 consistency proofs to this tree from the sizes asked for with \`?since=\` (often empty) |
| summary.html | a printable page of the record (no scripts) |
| files/… | the attachments, when the pack was asked for with \`?files=1\` |

## Rule 1: the key
Compare public-key.pem with the key published at \`GET /api/audit/public-key\` (and in docs/AUDIT.md) or the one you were
given out of band. Do not trust a pack's own key alone: whoever made a false pack could sign it with their own key.
The PEM is an RFC 8410 SubjectPublicKeyInfo; its DER is 44 bytes, the last 32 being the raw Ed25519 key.

## Rule 2: the checkpoint signature
checkpoint.txt is: origin line, tree size (decimal), root hash (base64 of 32 bytes), each ending in a newline (0x0A);
then an empty line; then signature lines \`— <name> <base64>\` (U+2014, space, name, space, base64).
1. The signed message is the text up to and including the newline after the root hash line.
2. Take the line whose name is the origin. Its base64 decodes to 68 bytes: a 4-byte key ID, then a 64-byte signature.
3. key ID = the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key).
4. Check the Ed25519 signature (RFC 8032) of the message with the key.

## Rule 3: each event's hash
For each line of events.jsonl, take the fields id, at, actorId, actorEmail, actorRole, ip, action, entityType, entityId,
reason, before, after, prevHash (before and after are JSON *text*, strings, as stored) and write the JSON array
\`[id, at, actorId, actorEmail, actorRole, ip, action, entityType, entityId, reason, before, after, prevHash]\` with no
whitespace, strings escaped as JavaScript's JSON.stringify does (only \`"\`, \`\\\\\` and control characters are escaped; no
\\u escapes of other characters). That text, as UTF-8, is the *canonical text*. SHA-256 of it, lower-case hex, must be \`hash\`.

## Rule 4: each event's inclusion proof (RFC 9162 §2.1.3.2)
leaf hash = SHA-256(0x00 ‖ canonical text); node hash = SHA-256(0x01 ‖ left ‖ right).
\`leafIndex\` must be id − 1. With tree size ${cp.treeSize} from the checkpoint, run the verification algorithm of RFC 9162
§2.1.3.2 over \`inclusionPath\` (base64 hashes, leaf side first): it must give the checkpoint's root hash.

## Rule 5: record.json says nothing the events do not
- \`eventIds\` lists exactly the ids of events.jsonl; \`origin\` and \`treeSize\` are the checkpoint's.
- Each \`stateChanges[i]\` names \`eventId\`: that event is about this request (entityType closure_request, entityId
  ${r.request.id}) and has the same action, at, ip, reason, actor (actorId, actorEmail, actorRole) and before/after
  (the event's JSON text parsed).
- Each refund names \`createdEventId\`: a refund.record or refund.request_approval event with entityType refund and the
  refund's id, whose after has the same amount, currency and closureRequestId; its actor is the \`maker\`.
  A refund.record refund is recorded with no checker. Otherwise a recorded refund names \`decisionEventId\`, a
  refund.approve event (rejected: refund.reject) whose actor is the \`checker\`, whose after.amount is the amount and
  whose at is \`decidedAt\`; maker and checker differ.
- Each ledger entry names \`eventId\`: for kind refund, the event that paid a recorded refund of the record (its
  decision event, or its refund.record event), with after.amount = −amount and the refund's payoutReference as
  reference; for kind forfeit, the customer.close event of customer ${r.request.customerId} with after.forfeited[bucket] = −amount.

## Rule 6: attachment files
Each \`attachments[i]\` with a \`file\` names a file in files/ whose SHA-256 (hex) is \`sha256\`, the one in its
attachment.upload event's after.

## Rule 7 (optional): consistency with a checkpoint you kept
If you kept an older checkpoint of this log (same origin and key), check its signature (Rule 2), then find in
consistency.json the proof whose firstSize is its size and run RFC 9162 §2.1.4.2 with both roots: it shows the log
only grew since. Ask for a pack with \`?since=<your size>\` to have that proof in it.

## What this does not prove
That no event about the request was left out of the pack: the proofs show that what is here is in the signed log,
not that the log has nothing else. To check that, export the trail (or its part about the request) and compare.
This download itself is an audit event appended after the checkpoint: it is not in this pack; the next pack holds it.
`;
}
