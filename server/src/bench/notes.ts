/** The hand-written part of docs/PERFORMANCE.md, after the measured part: how to reproduce, and why it is fast. */
export const NOTES = `## How to reproduce

\`\`\`sh
npm install
npm run build -w client                     # optional: the bench reports the SPA's initial JavaScript if client/dist exists
npm run bench                               # 500,000 customers ≈ 840,000 closure requests, 2.5 million audit events
npm run bench -- --customers 20000 --duration 5 --export-seconds 10 --out -   # a quick run, printed only
npm run bench -- --pg postgres://closure:closure@127.0.0.1:5432/postgres     # PostgreSQL beside SQLite
\`\`\`

The bench (server/src/bench/) seeds a database of the requested scale once, with \`npm run seed\` itself, and keeps it
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
assignee; per status and channel; and, for open requests, per status and UTC due day (and per assignee too), which
is what makes "overdue" countable although it changes with the clock: the overdue total is the sum of the counters of
the due days before today plus a real count of the requests due earlier today (an index range of one day).
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

\`q\` matches a reference (prefix), the customer (name contains q; account number, e-mail or phone starts with q) or
an ICCID (prefix). It was three OR-ed conditions over full scans of three tables; it is now a UNION of index reads
(prefixes as ranges on their indexes, the name as a scan of the covering name index, the one part no index can serve)
whose requests come by \`customer_id\`. Next step if names must be faster: a trigram index (SQLite FTS5 \`trigram\`,
PostgreSQL \`pg_trgm\`), kept in step with the customers table.

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

### The seed

The bulk loader bound its values as \`$1…$n\` parameters, which node-sqlite3 binds by a name lookup each, so a
32,000-parameter statement cost the square of its size: a million requests would have taken hours. The seed now
generates batches of 2,000 customers on worker threads (each batch from its own seed, so the data is the same
whatever the number of threads, and the first batch, which is all the demo and the tests use, is as before), builds
the audit chain in order on the main thread, writes each batch as INSERT statements with the values written in (a
third of the main thread's cost of binding them) in one transaction with its counters, while the next batches are generated, and
builds the secondary indexes once at the end (sorting each index once is cheaper than keeping some sixty indexes in
order row by row). Ids of the rows other than customers and audit events leave gaps between batches.

## Known limits and what would lift them

- **Audited actions** are bound by the JavaScript each one runs inside its transaction: 9 queries for a claim and 16
  for an approve, each through Sequelize's model layer (about half a millisecond of main-thread work each), while the
  same statements by hand run several times faster (the raw column above). SQLite has one writer, so that time is the
  ceiling. Lifting it means writing the action's path as plain prepared statements on the write connection: the request
  re-read at the end (findOne with includes, the most expensive step) as the list's single query, the checklist facts in
  one query, the audit append as one \`INSERT ... SELECT\` after the chain's last row, the outbox rows as one insert.
- **The request page** is bound by \`/checks\` and \`/notes\`, which still go through Sequelize (several queries each).
- **Exports**: see the figures above against \`sqlite3 -csv\`. What would make them faster: read each page with one
  prepared statement outside Sequelize (as the lists do), format CSV by hand instead of csv-stringify's per-record
  options processing, write larger chunks, and for closure records fetch each page's history with one query over the
  \`(entity_type, entity_id, id)\` index rather than an IN list of string ids.
- **Name search** scans the covering name index (tens of milliseconds at 500,000 customers): a trigram index would
  make it an index read.
- **Seed time** on two cores is bound by SQLite itself: parsing and inserting about 8 million rows, then building some
  sixty indexes; fewer sort-only indexes on the large secondary tables (ledger, bills, profiles) would cut the second.
`;
