import { formatMinor } from '@closure-desk/shared';
import type { EvidenceRecord } from '@closure-desk/shared/evidence';
import type { PackLocale } from './evidence-pack';

const TEXT = {
  en: {
    title: 'Evidence pack', request: 'Closure request', customer: 'Customer', channel: 'Channel', reason: 'Reason',
    words: "Customer's own words", requested: 'Requested effective date', verification: 'Verification', status: 'Status',
    history: 'State changes', when: 'When', who: 'Who', from: 'From', what: 'What', why: 'Why', refunds: 'Refunds',
    amount: 'Amount', maker: 'Maker', checker: 'Checker', decided: 'Decided', ledger: 'Ledger entries', kind: 'Kind',
    bills: 'Bills', atApproval: 'At approval', atCompletion: 'At completion', profiles: 'eSIM profiles', terminated: 'Terminated',
    quarantine: 'Number quarantined until', notifications: 'Notifications', language: 'Language', delivery: 'Delivery',
    notes: 'Notes', attachments: 'Attachments', file: 'File', type: 'Type', size: 'Size', proof: 'Proof',
    proofText: (n: number, size: number, origin: string) => `The ${n} audit events behind this record are each proven, by an RFC 9162 inclusion proof, to be in the tree of the first ${size} events of the log "${origin}", whose root is signed in checkpoint.txt. VERIFY.md says how to check it by hand; npm run evidence:verify and the console's Verify evidence page check it for you.`,
    generated: 'Generated', none: 'None',
  },
  'zh-CN': {
    title: '证据包', request: '销户申请', customer: '客户', channel: '渠道', reason: '原因',
    words: '客户原话', requested: '期望生效日期', verification: '身份核验', status: '状态',
    history: '状态变更', when: '时间', who: '操作人', from: '来源', what: '操作', why: '理由', refunds: '退款',
    amount: '金额', maker: '经办人', checker: '复核人', decided: '决定时间', ledger: '账务分录', kind: '类型',
    bills: '账单', atApproval: '批准时', atCompletion: '完成时', profiles: 'eSIM 配置文件', terminated: '终止时间',
    quarantine: '号码隔离至', notifications: '通知', language: '语言', delivery: '投递结果',
    notes: '备注', attachments: '附件', file: '文件', type: '类型', size: '大小', proof: '证明',
    proofText: (n: number, size: number, origin: string) => `本记录所依据的 ${n} 条审计事件，均以 RFC 9162 包含证明证实其位于日志「${origin}」前 ${size} 条事件构成的树中，该树的根哈希已在 checkpoint.txt 中签名。手工核验方法见 VERIFY.md；也可使用 npm run evidence:verify 或控制台的“核验证据”页面。`,
    generated: '生成时间', none: '无',
  },
} as const;

const esc = (v: unknown) => String(v ?? '—').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
const table = (head: string[], rows: unknown[][], none: string) =>
  rows.length ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(row).join('')}</tbody></table>` : `<p>${esc(none)}</p>`;
const money = (amount: unknown, currency: unknown) => (typeof amount === 'number' ? formatMinor(amount, String(currency)) : '—');
const who = (a: { email: string | null; role: string | null } | null) => (a ? `${a.email ?? '—'} (${a.role ?? '—'})` : '—');

/** summary.html: one printable page in the caller's language; no scripts, no outside resources. */
export function summaryHtml(r: EvidenceRecord, cp: { origin: string; treeSize: number }, locale: PackLocale): string {
  const t = TEXT[locale];
  const q = r.request as Record<string, unknown>;
  const c = r.customer;
  type BillState = { amountPaid: number; status: string };
  const bills = r.bills as { billNo: string; amountDue: number; currency: string; atApproval?: BillState; atCompletion?: BillState; now: { status: string; waivedReason?: string } }[];
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(t.title)} ${esc(q.reference)}</title>
<style>body{font:13px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}h1{font-size:20px}h2{font-size:15px;margin-top:1.5em}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}@media print{body{margin:0}}</style></head>
<body>
<h1>${esc(t.title)}: ${esc(t.request)} ${esc(q.reference)}</h1>
<dl>
<dt>${esc(t.customer)}</dt><dd>${esc(c.accountNo)} · ${esc(c.email)} · ${esc(c.phone)}</dd>
<dt>${esc(t.channel)}</dt><dd>${esc(q.channel)}</dd>
<dt>${esc(t.reason)}</dt><dd>${esc(q.reasonCode)}</dd>
<dt>${esc(t.words)}</dt><dd>${esc(q.reasonText)}</dd>
<dt>${esc(t.requested)}</dt><dd>${esc(q.requestedEffectiveDate)}</dd>
<dt>${esc(t.verification)}</dt><dd>${esc(q.verificationMethod)} · ${esc(q.identityVerified)}</dd>
<dt>${esc(t.status)}</dt><dd>${esc(q.status)}</dd>
<dt>${esc(t.generated)}</dt><dd>${esc(r.generatedAt)}</dd>
</dl>
<h2>${esc(t.history)}</h2>
${table([t.when, t.who, t.from, t.what, t.why], r.stateChanges.map((s) => [s.at, who(s.actor), s.ip, s.action, s.reason]), t.none)}
<h2>${esc(t.refunds)}</h2>
${table([t.amount, t.status, t.maker, t.checker, t.decided], r.refunds.map((f) => [money(f.amount, f.currency), f.status, who(f.maker), who(f.checker), f.decidedAt]), t.none)}
<h2>${esc(t.ledger)}</h2>
${table([t.when, t.kind, t.amount, 'Ref.'], r.ledgerEntries.map((l) => [l.occurredAt, `${l.kind} / ${l.bucket}`, money(l.amount, l.currency), l.reference]), t.none)}
<h2>${esc(t.bills)}</h2>
${table(['#', t.amount, t.atApproval, t.atCompletion, t.status], bills.map((b) => [b.billNo, money(b.amountDue, b.currency),
    b.atApproval ? `${money(b.atApproval.amountPaid, b.currency)} · ${b.atApproval.status}` : '—',
    b.atCompletion ? `${money(b.atCompletion.amountPaid, b.currency)} · ${b.atCompletion.status}` : '—', `${b.now.status}${b.now.waivedReason ? ` (${b.now.waivedReason})` : ''}`]), t.none)}
<h2>${esc(t.profiles)}</h2>
${table(['ICCID', t.status, t.terminated, t.quarantine], (r.profiles as Record<string, unknown>[]).map((p) => [p.iccid, `${p.networkState} / ${p.deviceState}`, p.terminatedAt, p.quarantineUntil]), t.none)}
<h2>${esc(t.notifications)}</h2>
${table([t.when, t.channel, t.language, t.what, t.delivery], (r.notifications as Record<string, unknown>[]).map((n) => [n.createdAt, n.channel, n.locale, `${n.subject ?? ''}\n${n.body ?? ''}`, `${n.status} ${n.sentAt ?? ''} ${n.lastError ?? ''}`]), t.none)}
<h2>${esc(t.notes)}</h2>
${table([t.when, t.who, t.what], (r.notes as Record<string, unknown>[]).map((n) => [n.createdAt, n.authorId, n.text]), t.none)}
<h2>${esc(t.attachments)}</h2>
${table([t.file, t.type, t.size, 'SHA-256'], r.attachments.map((a) => [a.fileName, a.contentType, a.size, a.sha256]), t.none)}
<h2>${esc(t.proof)}</h2>
<p>${esc(t.proofText(r.eventIds.length, cp.treeSize, cp.origin))}</p>
</body></html>
`;
}
