/** The hand-written part of docs/PERFORMANCE.md, after the measured part: how to reproduce, and why it is fast. */
export const NOTES = `## How to reproduce

\`\`\`sh
npm install
npm run build -w client                     # optional: the bench reports the SPA's initial JavaScript if client/dist exists
npm run bench                               # 500,000 customers ≈ 840,000 closure requests, 2.5 million audit events
npm run bench -- --customers 20000 --duration 5 --export-seconds 10 --out -   # a quick run, printed only
npm run bench -- --pg postgres://closure:closure@127.0.0.1:5432/postgres     # PostgreSQL beside SQLite
\`\`\`

The bench (server/bench/) seeds a database of the requested scale once, with \`npm run seed\` itself, and keeps it
under \`data/bench/closure-desk-<customers>.db\` (PostgreSQL: database \`closure_bench_<customers>\`, its record in
\`data/bench/\`); later runs reuse it until the seed's format changes, and \`--fresh\` seeds again. Each run works on a copy
(PostgreSQL: \`CREATE DATABASE ... TEMPLATE\`), so every run starts from the same data. It then starts the real server
as \`npm start\` runs it (a child process, \`NODE_ENV=production\`, background jobs off, logs to
\`data/bench/server-*.log\`), signs the demo staff in, and measures, in this order: the lists (one by one over HTTP,
the list code in-process, the raw query in the sqlite3 shell, then autocannon), the request page, the exports
(stopped after \`--export-seconds\`), and last the audited actions, which write (their raw reference runs once the
server has stopped). Every load is bounded in time. Options: \`--customers\`, \`--pg\`, \`--duration\`, \`--connections\`,
\`--export-seconds\`, \`--fresh\`, \`--out\`, \`--only lists,page,actions,exports\`.

## What makes it fast, and why

### Queue totals without counting

React-Admin shows \`Content-Range: .../<total>\` under every list, and a COUNT of the rows of one status is a walk of a
hundred thousand index entries at a million requests, on every request. The totals of the queue views come instead
from \`closure_request_counts\` (migration 0004, \`server/src/closures/counters.ts\`): per status; per status and
assignee; per status and channel; and, for open requests, per status and UTC due day (and per assignee too) and per
status, due day and due hour (migration 0005), which is what makes "overdue" countable although it changes with the
clock: the overdue total is the sum of the counters of the due days before today and of today's hours before this
one, plus a real count of the requests due earlier in this hour (an index range of one hour; with an assignee, of
one day). Counting today's requests for real cost 0.4 ms of every overdue list at this size, the hour 0.1 ms.
"Not overdue" is the total minus that. Any other filter is counted for real.

The counters change in the same transaction as the write that changes them: \`countClosureChange(db, tx, before,
after)\` is the one call in each of the three write paths (create-closure-request.ts, perform-action.ts,
withdraw-by-customer.ts), placed after the write's audit event, so on PostgreSQL every writer already holds the audit
chain's lock and counter rows are always locked in the same order (no deadlocks). It writes the net change of every
key in one multi-row upsert, and drops keys that fell to zero (past due days would otherwise pile up). The seed writes
the counters of each batch in that batch's transaction; the migration counts the requests already there. The list
does not even ask for a total when the page shows where the list ends (fewer rows than asked for).
\`server/test/perf-counters.test.ts\` checks, after every kind of write, on SQLite and PostgreSQL, that every counted
view's total equals a real COUNT of the same rows and that the counter rows equal a recount of every request.

### The list's own SQL

\`server/src/platform/http/list-sql.ts\` writes each list's query itself instead of going through Sequelize's findAll
with includes, which cost a millisecond and a half of JavaScript per request, several times the query. Plain filters,
sorts and ranges are parameters, so each shape of list is one prepared statement, prepared once per read connection
and reused. On SQLite each row comes back as one \`json_array(...)\` string: node-sqlite3 turns every column of every
row into a JavaScript value on the event loop's thread, and one string per row costs a third of that. List answers
are written without Express's ETag: they are \`Cache-Control: no-store\`, nobody revalidates them, and hashing the
body cost half a millisecond per list. A page beyond the first thousand rows is found on the bare table first and
joined afterwards (25 joins instead of 500,025). The filters keep their Sequelize form for the exports.

### The overdue queue

"Open and past due, newest first" cannot be read in order from one ordinary index: the open requests not yet due must
be skipped. Two partial indexes hold only the open requests (\`(submitted_at, id, due_at)\`, and the same after
\`assignee_id\`), and the query carries a redundant condition: a request overdue now was submitted before now minus its
SLA, hence before now minus the smallest SLA any request has had (kept by the counters), so the index walk starts at
the first candidate. SQLite is told to use these indexes (\`INDEXED BY\`): without statistics its planner would sort
every open request instead.

### Search

\`q\` (API.md "Search") finds references, account numbers and names by substring, and phone numbers, MSISDNs, e-mail
addresses, document numbers and ICCIDs only whole (issue 11: matching their start let an agent read a masked number
digit by digit). Each way is its own index read, joined by UNION, whose requests come by \`customer_id\`:

- substrings through trigram indexes (migration 0007): on SQLite FTS5 tables with the \`trigram\` tokenizer over the
  customers' names and account numbers and the requests' references (external content: the index only, kept by
  triggers; the term is one quoted FTS phrase, bound as a parameter); on PostgreSQL GIN indexes with \`pg_trgm\`'s
  \`gin_trgm_ops\` on \`LOWER(full_name)\`, \`account_no\` and \`reference\`, read by \`LIKE '%term%'\`. A term of one or two
  characters has no trigram: it matches by prefix, on the btree indexes (SQLite) or by \`LIKE 'ab%'\` (PostgreSQL).
- whole values through the blind index \`search_digests (customer_id, digest)\`: HMAC-SHA-256 (with \`SEARCH_INDEX_KEY\`,
  or a key derived from \`SESSION_SECRET\`) of each normalised value (E.164 digits of a phone number, the lower-case
  e-mail address, …), indexed on \`(digest, customer_id)\`. A search computes the term's digest for each kind and reads
  them with one \`digest IN (…)\`: four index probes, whatever the size of the table.

The seed computes its digests on its worker threads with the rows, loads them as one more bulk table (its indexes built
after the load like the others) and rebuilds the FTS tables once after the load rather than by a trigger per row.
A server that finds the blind index written with another key (or not yet written, after migration 0007 on a database
that holds customers) rebuilds it at start, 5,000 customers a statement.

### Indexes (migration 0004)

Every filter column leads an index followed by the list's default sort and \`id\`, and every sort column leads an index
followed by \`id\`, on every list: a filtered first page is an index range read in order and its COUNT an index range
count. The trailing \`id\` costs SQLite nothing (an index there always ends with the rowid) and lets PostgreSQL read
\`ORDER BY x DESC, id DESC\` from the index. Combinations of a filter and another sort use the filter's index and sort
what it selects. The same migration runs on both databases.

### SQLite connections and pragmas (server/src/platform/db/database.ts)

- One dedicated write connection, reused by every transaction (Sequelize opened and closed a connection per
  transaction: file open, pragmas, schema parse). Transactions still queue in the process, one at a time, so no thread
  ever waits in SQLite's busy handler.
- Reads outside transactions go to two read connections in turn (one SQLite connection runs one statement at a time).
- \`journal_mode=WAL\`: readers and the writer never block each other. \`synchronous=NORMAL\`: with WAL a commit is not
  fsynced, checkpoints are; a commit survives a process crash, an OS crash or power cut may lose the last commits but
  never corrupts the file (FULL would add an fsync to every action). \`busy_timeout\` 15 s: another process holding
  the write lock (a CLI, a backup) makes us wait, not fail. \`cache_size\` 64 MiB per connection: the hot parts of the
  indexes stay in process memory. \`temp_store=MEMORY\`: sorts in memory. \`foreign_keys=ON\`. \`journal_size_limit\`
  64 MiB: the WAL shrinks back after a seed or a burst. \`analysis_limit=1000\`: \`PRAGMA optimize\` (run when the
  database closes) stays cheap. Memory-mapped I/O is off: it saves a copy per page read, but the mapped file then counts
  in the process's RSS, which the exports are held to.
- Planner statistics matter at this size: the seed runs a full \`ANALYZE\` (a few seconds), because sampled statistics
  misjudge how many rows share a status a hundredfold.

### Sessions

The session and its staff member are one query on two primary keys (a join), a prepared statement, on every request.
Nothing is cached, so a logout or a disabled account ends the session at once on every instance.

### Audited actions

SQLite has one writer, so an action's rate is one over the time its transaction holds the write lock, and that time
was JavaScript, not SQLite: each of a claim's 9 statements and an approve's 13 went through Sequelize's model layer
(0.3 to 1 ms each: building the query, mapping the result, and a stack trace formatted with source maps for every
query), against a few hundredths of a millisecond for a prepared statement. The action path (\`perform-action.ts\`, the
request's lock and re-read in \`repository.ts\`, the audit append, the counters, the outbox rows) now runs plain SQL
through \`db.query(tx, sql, params)\` (\`platform/db/database.ts\`, \`raw-sql.ts\`): on SQLite a statement prepared once
on the write connection and reused, on PostgreSQL the transaction's own client; rows keep the shapes Sequelize's
\`raw: true\` gave, so nothing above changed. The checklist's facts are one query instead of four, and BEGIN/COMMIT go
straight to the connection too (0.56 to 0.14 ms for a one-statement transaction). A claim went from 9.9 to 1.8 ms, an
approve from 15 to 2.9 ms, measured alone. Intl formatters (money, today's date) are built once, not per call (a
tenth of a millisecond each). The access log writes one short line per request, without headers or query string
(serialising every header cost a third of a millisecond a request, and a search term is personal data).

### Exports

node-sqlite3 turns every column of every row into a JavaScript value on the event loop's thread; for an export that
conversion, not SQLite, was the cost. On SQLite each page of 5,000 rows is now one query whose single value is the
page's lines written by SQLite itself (\`json_object\` for JSONL; for CSV an expression doing the quoting and the
formula guard), handed over as one buffer, with the closure records' history and refunds as JSON subqueries. The next
page is read while the client takes the current one. A row whose values SQL cannot render exactly as the JavaScript
writers do (a time not in Sequelize's form, a BLOB, a number beyond 2^53, JSON text not as JSON.stringify writes it)
sends its page through those writers, so the file never depends on the path. Both writers, the header and the record's type are derived from one declaration of the export's columns (\`server/src/audit/export-shape.ts\`; \`server/src/audit/sqlite-export.ts\`).
PostgreSQL keeps the JavaScript writers.

### The seed

The bulk loader bound its values as \`$1…$n\` parameters, which node-sqlite3 binds by a name lookup each, so a
32,000-parameter statement cost the square of its size: a million requests would have taken hours. The seed now
generates batches of 2,000 customers on worker threads (each batch from its own seed, so the data is the same
whatever the number of threads, and the first batch, which is all the demo and the tests use, is as before), builds
the audit chain in order on the main thread, writes each batch as INSERT statements with the values written in (a
third of the main thread's cost of binding them) in one transaction with its counters, while the next batches are generated, and
builds the secondary indexes once at the end (sorting each index once is cheaper than keeping some sixty indexes in
order row by row). Ids of the rows other than customers and audit events leave gaps between batches.
While a fresh SQLite database loads, \`synchronous=OFF\` (a crash part-way means seeding again) and foreign-key checks
off (every reference is to a row the seed has just written; \`PRAGMA foreign_key_check\` on a seeded file is clean),
both put back at the end. The workers also write each audit event's hashed text and its INSERT values, leaving the
main thread only the chain's two hashes per event, and run with a larger young generation (the garbage collector took
a third of their time). Times are written by arithmetic instead of \`toISOString\` per row.

## Known limits and what would lift them

- **Audited actions** are now bound by the main thread as a whole: an action holds the write lock for 2 to 3 ms of
  its own work, and each HTTP request around it costs about as much again in Express, helmet, the JSON body parser,
  the access log and the response, all on the same thread, which the bench's own clients share on two cores. Next
  steps: headers set once per response instead of by several middlewares, a leaner access log (pino-http builds a
  child logger per request), and on SQLite several queued actions committed together (group commit: one BEGIN/COMMIT
  and one chain read per group, each action in its own SAVEPOINT so one failure does not undo the others).
- **The request page** is bound by \`/checks\` and \`/notes\`, which still go through Sequelize (several queries each).
- **CSV exports** are bound by SQLite evaluating the CSV expressions on one read connection (about 170,000 rows/s on one
  core); reading two pages at a time on the two read connections would use the second core.
- **Search by a common name part** reads every match through the trigram index and counts them for the total: a term
  that matches tens of thousands of customers costs in proportion (a 1–2 character term, by prefix, likewise).
- **Seed time** on two cores is bound by the one SQLite connection that writes: about 80 s of inserts, then some 70 s
  building the indexes, one after the other. Loading tables into separate files on two connections in parallel, each
  with its indexes, then copying them in with \`INSERT INTO t SELECT * FROM aux.t\` (which SQLite copies without
  re-sorting), would use both cores; fewer sort-only indexes on the large secondary tables would cut the second part.

## The audit Merkle tree and the evidence pack (issue 15)

\`npm run bench\` runs a \`tree\` section first (\`server/bench/audit-tree.ts\`; alone: \`npm run bench -- --only tree\`,
sizes \`--tree-size 2500000 --tree-seed-customers 2000\`), on temporary SQLite databases of its own:

- **Append cost**: one \`appendAuditEvent\` per transaction (chain + tree), 3 rounds of 1,500; and the tree's part on
  its own: \`appendLeaf\` per transaction on a second database less an empty transaction (the tree cannot be switched
  off in the live append, and \`audit_tree_nodes\` is append-only, so "without the tree" is the difference).
- **Proofs at 2.5 M events**: a synthetic tree of 2,500,000 leaves (random leaf hashes; the nodes exactly as the live
  append stores them, built by \`MerkleFrontier\`), because the seed cannot make 2.5 M events in minutes on this machine;
  200 random inclusion proofs (random leaf, random size) and 200 consistency proofs (random older size to the full tree).
- **The pack**: a seeded request given notes until it has 30 events of its own, its evidence pack downloaded over
  HTTP 10 times.
- **The seed with the tree** (the seed builds the tree as it writes the chain).

## The house redesign (issue 14): before and after

Measured on 2026-12-03 at 500,000 customers on SQLite (\`npm run bench -- --only actions,exports --out - --no-lighthouse\`),
"before" from a worktree of \`1f9778a\` (the tree before this session's part of the redesign), "after" from the tree
with the exports declared once (\`server/src/audit/export-shape.ts\`), typed closure requests, and overdue written once.
Each run started its own server on a copy of the same seed; the runs alternated. The raw \`sqlite3 -csv\` reference,
which no code of ours touches, moved by 30 % between runs: the machine, not the code, sets most of the spread.

| export (rows/s) | before, run 2 | after, run 2 | before, run 3 | after, run 3 |
|---|---|---|---|---|
| Audit trail, CSV | 144,068 | 129,041 | 152,272 | 107,401 |
| Audit trail, JSONL | 236,585 | 253,889 | 269,642 | 189,440 |
| Closure records, CSV | 26,599 | 26,068 | 27,508 | 22,969 |
| raw \`sqlite3 -csv\`, audit columns | 321,763 | 358,502 | 420,196 | 332,233 |

- **Audit CSV**: the SQL SQLite runs is the same. A script compared the two trees' statements: the line expression
  is byte-identical and the checks are the same set in another order. Run in one process on the bench database,
  alternating, over 500,000 events, three rounds: before 107,905 / 112,259 / 146,629 rows/s, after 121,455 / 126,620 /
  151,664. The gap in the table is the machine.
- **Audit JSONL**: the first "after" run joined quoted pieces for every export and ran at 155,520 rows/s. Flat exports
  write the line with \`json_object\` again, as before, and ran at 253,889 (before 236,585).
- **Closure records CSV**: from the same declaration the history and refunds are JSON subqueries as before:
  22,969 – 27,894 rows/s in three runs after, 20,077 – 27,508 in three before. The goal of ≥ 19,000 is met.
- **Server RSS during the 2.55 M-event audit CSV export**: 243 → 365 MB before, 245 → 365 MB after, the same
  +120 MB. The server started cold for these runs. The growth is mostly the two read connections' page caches
  filling (64 MiB each, \`cache_size=-65536\`), which are bounded, not the export's pages; in the earlier run that
  listed first (caches warm) it was +96 MB. The goal of under 100 MB is met only on a warm server.
- **Audited actions** (10 clients): before 128 and 180 actions/s, after 132. This is within the spread of earlier
  days (128 – 208). The action path changed only in types and in the checklist route's plain-SQL read.

## In the browser (issue 19): compressed, cached, split by page

What the console sends, and why (\`server/src/app.ts\`, \`vite.config.ts\`):

- **Compression.** The build writes a brotli (\`.br\`, highest quality) and a gzip (\`.gz\`, level 9) file beside every
  text asset over 512 bytes (vite-plugin-compression2); \`express-static-gzip\` sends the one the browser's
  \`Accept-Encoding\` allows (brotli first) with \`Vary: Accept-Encoding\`, so nothing is compressed per request. The API's
  answers over 1 KiB go through the \`compression\` middleware (brotli or gzip): a page of 25 requests shrinks about
  five-fold. The CSV/JSONL exports stream page by page with back-pressure and go uncompressed: the server counts the rows
  that reached the client (an abort is recorded with the rows sent) and keeps its memory bound, which a zlib buffer
  between them would blur.
  \`text/event-stream\` is never compressed (an event must reach the browser when it is written), nor anything marked
  \`Cache-Control: no-transform\`.
- **Caching.** Vite names every file under \`/assets/\` by its content's hash, so those are
  \`Cache-Control: public, max-age=31536000, immutable\`: a morning's first visit after a day without a release
  downloads nothing but \`index.html\`, which is \`no-cache\` (revalidated every time, so a release is picked up on the
  next load; the SPA's own routes answer the same file the same way). Other files at the root (no hash) get an hour.
  \`/api\` answers stay \`no-store\`.
- **Source maps** are built (\`sourcemap: 'hidden'\`: no \`sourceMappingURL\` comment in the bundle) and **never served**:
  the server answers 404 for any \`*.map\`. Why not "to signed-in staff only": the maps hold the whole client source
  with comments, and a map served behind the session cookie would still reach every staff browser and every cache in
  between, for a gain only developers have; developers get maps from \`npm run dev\`, and an operator debugging a
  production stack trace has the \`.map\` files of that build on the server (\`client/dist/assets/\`) to resolve it
  offline or load into the browser's devtools by hand. It also keeps 11 MB of maps out of every deploy's served set.
- **\`/robots.txt\`** answers \`User-agent: *\` / \`Disallow: /\` (not the SPA's HTML): a back-office console has nothing
  for a search engine.
- **The login page asks \`GET /api/auth/session\`**, which answers 200 \`{signedIn: false}\` when signed out (API.md), so a
  first visit logs nothing in the console (\`e2e/tests/login-quiet.spec.ts\`).

**Split by page.** Every resource's list, show and edit page, the dashboard, the custom pages and the signed-in layout
(app bar, menus, sessions dialog) are lazy chunks (\`client/src/common/lazyPage.ts\`); the charts already were. The
vendor groups for MUI and react-admin are gone: a group is loaded whole by the first page, so the login page used to
fetch every list, form and dialog component of both libraries. Only React keeps a group of its own. Icons were already
imported one by one (\`@mui/icons-material/<Name>\`), never from the barrel. \`ANALYZE=1 npm run build -w client\` writes
\`client/dist-stats.html\` (rollup-plugin-visualizer: each module's size, gzip and brotli).

JavaScript the login page loads (index.html's script and module preloads), brotli as sent:

| build | files | brotli KB | what |
|---|---|---|---|
| before (vendor groups for MUI and react-admin) | 6 | 373 | react 59, MUI 108, react-admin 138, other vendor 29, app 39 |
| after | 25 | 266 | react 59, MUI text field and inputs 58 + 15, typography/card/paper 30, buttons 18, react-admin core with react-query and react-router 43 (index), the HTTP and i18n layer 23 (both languages' messages), the rest under 5 each |

The list page adds its own chunks on top (list, data table, pagination, filters, the sidebar): see the Lighthouse
figures below for what it transfers in all.
`;
