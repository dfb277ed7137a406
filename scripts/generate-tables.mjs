// Turns the built-in knowledge into the compact tables the product ships, so that nothing parses JSON at
// run time for it:
//   core/catalog/{smartcp,smartsupp,smartlook}.json   curated vendor catalogs
//   third_party/open-cookie-database/*.csv             the tracker database (facts only: platform,
//                                                      category, name, wildcard flag, retention)
//   core/catalog/database-policy.json                  how the project reads the database
//   core/catalog/hosts.json                            tracker endpoints
// into
//   core/src/generated/builtin_tables.cpp   the core's tables
//   js/generated/known.js                    smartcp.js's pre-decider filter and host matcher
//   docs/platforms.md                        the platforms covered, for site owners
// Usage: node scripts/generate-tables.mjs [--check]   (--check: exit 1 when a committed output differs)
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file) => readFileSync(path.join(root, file), 'utf8');
const json = (file) => JSON.parse(read(file));

const CATEGORY_BITS = { functional: 1, analytics: 2, marketing: 4 };
// The database's categories: what consent they need, and which purpose text they get.
const DB_CATEGORY = {
  Functional: ['functional', 'functional'], Necessary: ['functional', 'necessary'], Security: ['functional', 'security'],
  Personalization: ['functional', 'personalization'], Analytics: ['analytics', 'analytics'], Marketing: ['marketing', 'marketing'],
};
const PURPOSE_CLASSES = ['functional', 'necessary', 'security', 'personalization', 'analytics', 'marketing'];
const CATEGORY_INDEX = { functional: 0, analytics: 1, marketing: 2 };
const VENDOR_FILES = ['smartcp', 'smartsupp', 'smartlook'];  // the order the dialog lists them in
const KIND_BITS = { cookie: 1, localStorage: 2, sessionStorage: 4, indexedDB: 8, cacheStorage: 16 };
// Names only the widget itself writes: held and then refused when a page writes them.
const RESERVED = ['smartcp_consent'];

// ---- retention: "13 months" -> days (1 to 3650), or 0 for session, persistent and unknown
function retentionDays(text) {
  const t = text.trim().toLowerCase();
  const m = /^(\d+(?:\.\d+)?)\s*(second|sec|minute|min|hour|day|week|month|year)s?\b/.exec(t);
  if (!m) return 0;
  const n = Number(m[1]);
  const days = { second: n / 86400, sec: n / 86400, minute: n / 1440, min: n / 1440, hour: n / 24, day: n, week: n * 7,
    month: n * 30.4375, year: n * 365 }[m[2]];
  return Math.min(3650, Math.max(1, Math.floor(days + 1e-9)));
}

// ---- the database, read with the project's policy
function readDatabase() {
  const policy = json('core/catalog/database-policy.json');
  const rows = parse(read('third_party/open-cookie-database/open-cookie-database.csv'), { columns: true, skip_empty_lines: true });
  const generic = new Set(policy.generic);
  const distinctive = new Set(policy.distinctive);
  const byName = new Map();  // name+wildcard -> entry, to merge duplicates
  const problems = [];
  for (const row of rows) {
    let name = row['Cookie / Data Key name'];
    let platform = row.Platform.trim();
    let category = row.Category.trim();
    let wildcard = row['Wildcard match'].trim() === '1';
    for (const fix of policy.fixes) {
      if (!fix.names.includes(name) || (fix.from && fix.from !== platform)) continue;
      if (fix.drop) name = null;
      else {
        if (fix.platform) platform = fix.platform;
        if (fix.category) category = fix.category;
        if (fix.name) name = fix.name;
      }
    }
    if (name === null) continue;
    name = name.trim();
    if (name.endsWith('*')) {  // a few rows write the wildcard into the name
      name = name.slice(0, -1);
      wildcard = true;
    }
    if (!name || !platform || /[\n\r\0]/.test(name)) {
      problems.push(`skipped row ${row.ID}: no name or platform`);
      continue;
    }
    if (policy.platformCategories[platform]) category = policy.platformCategories[platform];
    if (!DB_CATEGORY[category]) {
      problems.push(`skipped ${name}: unknown category ${category}`);
      continue;
    }
    const [needs, purpose] = DB_CATEGORY[category];
    const key = `${wildcard ? '*' : '='}${name}`;
    const entry = { name, platform, needs, purpose, wildcard, retention: retentionDays(row['Retention period']) };
    const before = byName.get(key);
    if (!before) {
      byName.set(key, entry);
    } else if (before.needs !== needs) {
      before.conflict = true;  // listed under several categories: only where the site names its platform
    }
  }
  const letters = new RegExp(`^[A-Za-z]{1,${policy.genericRules.maxPlainLetters}}$`);
  const entries = [...byName.values()];
  for (const e of entries) {
    const plain = e.name.replace(/^_+/, '');
    e.generic = e.needs !== 'functional' && !distinctive.has(e.name) && (
      e.conflict || generic.has(e.name) || letters.test(e.name) || plain.length <= 1 ||
      (e.wildcard && e.name.length < policy.genericRules.minWildcardPrefix));
  }
  return { entries: withoutCovered(entries), problems };
}

// Entries whose every match the most specific wildcard covering them decides the same way (same platform,
// category, purpose, retention and genericity: `ct_timezone` under CleanTalk's `ct_*`) are left out: the
// core would give the same answer without them.
function withoutCovered(entries) {
  const wildcards = entries.filter((e) => e.wildcard);
  const same = (a, b) => a.platform === b.platform && a.needs === b.needs && a.purpose === b.purpose &&
    a.generic === b.generic && a.retention === b.retention;
  return entries.filter((e) => {
    let best = null;
    for (const w of wildcards) {
      if (w !== e && e.name.startsWith(w.name) && w.name.length < e.name.length + (e.wildcard ? 0 : 1) &&
        (!best || w.name.length > best.name.length)) best = w;
    }
    return !best || !same(best, e);
  });
}

// ---- the curated vendor catalogs
function readVendors() {
  return VENDOR_FILES.map((file) => {
    const v = json(`core/catalog/${file}.json`);
    return {
      id: v.vendor, label: v.label, defaults: v.defaultCategories ?? ['functional'], prefixes: v.prefixes ?? [],
      processor: v.processor ?? null,
      entries: v.entries.map((e) => ({
        name: e.name,
        kinds: [e.kind].flat(),
        categories: [e.categories ?? e.category].flat(),
        retention: e.retentionDays ?? 0,
        fields: Object.entries(e.fields ?? {}).map(([field, c]) => [field, [c].flat()]),
        purposeId: `${v.vendor}:${e.name}`,
      })),
    };
  });
}

const bits = (list, table) => list.reduce((sum, x) => {
  if (!(x in table)) throw new Error(`unknown value ${x}`);
  return sum | table[x];
}, 0);
const needsConsent = (categories) => categories.some((c) => c !== 'functional');

// ---- C++ output
// A C++ string literal of the UTF-8 bytes: printable ASCII as it is, everything else as 3-digit octal
// escapes (which end after three digits, so the next character is never read into them).
const cString = (text) => {
  let out = '"';
  for (const b of Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
};

function chunked(items, perLine, indent = '    ') {
  const lines = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(indent + items.slice(i, i + perLine).join(', ') + ',');
  return lines.join('\n');
}

function cppTables({ vendors, platforms, db, hosts }) {
  const out = [];
  out.push('// Generated by scripts/generate-tables.mjs from core/catalog/ and third_party/open-cookie-database/. Do not edit.');
  out.push('#include "builtin_tables.hpp"', '', 'namespace smartcp::builtin {', '');
  out.push('namespace {', '');
  vendors.forEach((v, vi) => {
    v.entries.forEach((e, ei) => {
      if (e.fields.length) {
        out.push(`constexpr FieldSpec kFields${vi}_${ei}[] = {${e.fields.map(([f, c]) => `{${cString(f)}, ${bits(c, CATEGORY_BITS)}}`).join(', ')}};`);
      }
    });
    out.push(`constexpr EntrySpec kEntries${vi}[] = {`);
    v.entries.forEach((e, ei) => {
      const fields = e.fields.length ? `kFields${vi}_${ei}, ${e.fields.length}` : 'nullptr, 0';
      out.push(`    {${cString(e.name)}, ${bits(e.kinds, KIND_BITS)}, ${bits(e.categories, CATEGORY_BITS) | 1}, ${e.retention}, ${fields}, ${cString(e.purposeId)}},`);
    });
    out.push('};');
    out.push(`constexpr const char* kPrefixes${vi}[] = {${v.prefixes.map(cString).join(', ') || 'nullptr'}};`, '');
  });
  out.push('}  // namespace', '');
  out.push('const VendorSpec kVendors[] = {');
  vendors.forEach((v, vi) => {
    const p = v.processor ?? {};
    const text = (s) => (s ? cString(s) : '""');
    out.push(`    {${cString(v.id)}, ${cString(v.label)}, ${bits(v.defaults, CATEGORY_BITS) | 1}, kPrefixes${vi}, ${v.prefixes.length}, kEntries${vi}, ${v.entries.length},`);
    out.push(`     {${text(p.name)}, ${text(p.companyId)}, ${text(p.address)}, ${text(p.dpo)}, ${text(p.dataLocation)}}},`);
  });
  out.push('};', `const std::size_t kVendorCount = ${vendors.length};`, '');

  out.push('// Platforms, sorted, one per line; each owns the next kPlatformEntryCount[i] database entries.');
  out.push(`const char kPlatformNames[] =\n${chunkString(platforms.map((p) => p.name).join('\n'))};`);
  out.push(`const std::uint16_t kPlatformEntryCount[] = {\n${chunked(platforms.map((p) => p.entries.length), 24)}\n};`);
  out.push(`const std::size_t kPlatformCount = ${platforms.length};`, '');
  out.push('// Database entries, platform by platform, names sorted, front-coded: each starts with a control byte,');
  out.push('// 1 + how many leading bytes it shares with the name before, then the rest of the name.');
  out.push('#if SMARTCP_TRACKER_TABLES');
  out.push(`const char kTrackerNames[] =\n${chunkString(frontCoded(db.map((e) => e.name)))};`);
  out.push('// Bits 0-1: category (0 functional, 1 analytics, 2 marketing); 2-4: purpose class; 5: wildcard; 6: generic.');
  out.push(`const std::uint8_t kTrackerFlags[] = {\n${chunked(db.map(flagsOf), 24)}\n};`);
  const retentions = [...new Set(db.map((e) => e.retention))].sort((a, b) => a - b);
  if (retentions.length > 256) throw new Error('more than 256 distinct retention periods');
  out.push('// Days; 0: a session cookie, persistent storage, or not known. Each entry holds an index into the list.');
  out.push(`const std::uint16_t kRetentionDays[] = {\n${chunked(retentions, 20)}\n};`);
  out.push(`const std::uint8_t kTrackerRetention[] = {\n${chunked(db.map((e) => retentions.indexOf(e.retention)), 24)}\n};`);
  out.push(`const std::size_t kTrackerCount = ${db.length};`);
  out.push('#else', 'const char kTrackerNames[] = "";', 'const std::uint8_t kTrackerFlags[] = {0};', 'const std::uint16_t kRetentionDays[] = {0};', 'const std::uint8_t kTrackerRetention[] = {0};',
    'const std::size_t kTrackerCount = 0;', '#endif', '');
  out.push('// Tracker endpoints: a host (and its subdomains), optionally followed by a path prefix.');
  out.push('const HostSpec kHosts[] = {');
  for (const h of hosts) out.push(`    {${cString(h.match)}, ${h.platform}, ${CATEGORY_BITS[h.category] | 1}, ${hostFlags(h)}},`);
  out.push('};', `const std::size_t kHostCount = ${hosts.length};`, '', '}  // namespace smartcp::builtin', '');
  return out.join('\n');
}

// Each name as one control byte, 1 + the length of the prefix it shares with the name before (at most 30),
// then the rest. Names hold no byte below 0x20, so the control byte also ends the name before: no separator
// (a byte an entry saved 0.5 KB gzip of the core).
function frontCoded(names) {
  let previous = Buffer.alloc(0);
  return names.map((name) => {
    const bytes = Buffer.from(name, 'utf8');
    if (bytes.some((b) => b < 0x20)) throw new Error(`a database name with a control character: ${JSON.stringify(name)}`);
    let shared = 0;
    while (shared < 30 && shared < bytes.length && shared < previous.length && bytes[shared] === previous[shared]) shared++;
    while (shared > 0 && (bytes[shared] & 0xc0) === 0x80) shared--;  // never inside a UTF-8 character
    previous = bytes;
    return String.fromCharCode(1 + shared) + bytes.subarray(shared).toString('utf8');
  }).join('');
}

function chunkString(text) {
  // Lines of at most 96 bytes, each a literal; adjacent literals concatenate.
  const bytes = Buffer.from(text, 'utf8');
  const parts = [];
  for (let i = 0; i < bytes.length; i += 96) parts.push(`    ${cString(bytes.subarray(i, i + 96))}`);
  return parts.join('\n') || '    ""';
}

function flagsOf(e) {
  return CATEGORY_INDEX[e.needs] | (PURPOSE_CLASSES.indexOf(e.purpose) << 2) | (e.wildcard ? 32 : 0) | (e.generic ? 64 : 0);
}
const SIGNALS = ['meta', 'uet', 'tiktok', 'clarity'];
function hostFlags(h) {
  return (h.googleTag ? 1 : 0) | ((h.signal ? SIGNALS.indexOf(h.signal) + 1 : 0) << 1);
}

// ---- smartcp.js's pre-decider: a Bloom filter over the names that may need consent, the prefixes and
// the substrings that may, and the host table. No false negatives: a name it clears needs no consent
// under any config that does not change a platform's category or switch on its generic entries.
const fnv = (s, seed) => {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};
export function bloomPositions(name, size, hashes, seed) {
  const a = fnv(name, seed);
  const b = (fnv(name, seed ^ 0x5bd1e995) | 1) >>> 0;
  const out = [];
  for (let i = 0; i < hashes; i++) out.push(((a + Math.imul(i, b)) >>> 0) % size);
  return out;
}

function buildFilter(names, avoid) {
  const n = names.length;
  const target = 0.005;  // per lookup; a name takes up to five
  const size = Math.ceil((-n * Math.log(target)) / (Math.LN2 ** 2) / 8) * 8;  // whole bytes
  const hashes = Math.max(1, Math.round((size / n) * Math.LN2));
  // Seeds are tried in order until none of the first-party corpus is a false positive.
  for (let seed = 0; seed < 100000; seed++) {
    const bitsSet = new Uint8Array(size);
    for (const name of names) for (const p of bloomPositions(name, size, hashes, seed)) bitsSet[p] = 1;
    const clash = avoid.some((ks) => ks.some((k) => bloomPositions(k, size, hashes, seed).every((p) => bitsSet[p])));
    if (clash) continue;
    const bytes = Buffer.alloc(size / 8);
    for (let i = 0; i < size; i++) bytes[i >> 3] |= bitsSet[i] << (i & 7);
    return { base64: bytes.toString('base64'), size, hashes, seed };
  }
  throw new Error('no seed keeps the first-party corpus clear');
}

// The literal start of a catalog pattern (up to its first placeholder or wildcard), and whether it is
// all of it.
function literalStart(pattern) {
  const cut = pattern.search(/[<*]/);
  return cut < 0 ? { text: pattern, whole: true } : { text: pattern.slice(0, cut), whole: false };
}
// The longest literal run of a pattern, for patterns that start with a placeholder.
function longestLiteral(pattern) {
  return pattern.split(/<[A-Z0-9_]+>|\*/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

// Prefixes go into the filter too, cut to at most PREFIX_CUT characters and tagged with \u0001: a name is
// looked up whole, and by its first 3 to PREFIX_CUT characters.
const PREFIX_CUT = 6;
const prefixKey = (p) => `\u0001${p.slice(0, PREFIX_CUT)}`;
export function filterKeys(name) {
  const keys = [name];
  for (let n = 3; n <= PREFIX_CUT && n <= name.length; n++) keys.push(`\u0001${name.slice(0, n)}`);
  return keys;
}

function compactHosts(rows) {
  const key = (r) => `${r[1]} ${r[2]} ${r[3]}`;
  const kept = rows.filter((r) => {
    if (r[0].includes('/') || r[3] > 1) return true;  // a path, or a consent signal (looked up by the host itself)
    for (let dot = r[0].indexOf('.'); dot >= 0; dot = r[0].indexOf('.', dot + 1)) {
      const parent = rows.find((p) => p[0] === r[0].slice(dot + 1));
      if (parent) return key(parent) !== key(r);
    }
    return true;
  });
  for (const r of kept) if (/[ ;]/.test(r[0])) throw new Error(`host ${r[0]} has a space or ;`);
  return kept.map((r) => `${r[0]} ${key(r)}`).join(';');
}

function knownJs({ vendors, db, hosts, platforms, corpus }) {
  const names = new Set(RESERVED);
  const prefixes = new Set();
  const contains = new Set();
  for (const e of db) {
    if (e.needs === 'functional' || e.generic) continue;
    (e.wildcard ? prefixes : names).add(e.name);
  }
  for (const v of vendors) {
    if (needsConsent(v.defaults)) v.prefixes.forEach((p) => prefixes.add(p));
    for (const e of v.entries) {
      if (!needsConsent(e.categories) && !e.fields.length) continue;
      const start = literalStart(e.name);
      if (start.whole) names.add(start.text);
      else if (start.text) prefixes.add(start.text);
      else contains.add(longestLiteral(e.name));
    }
  }
  for (const p of prefixes) {
    if (p.length < 3) throw new Error(`prefix ${p} is shorter than 3 characters: make it generic or longer`);
  }
  const covered = (n) => [...prefixes].some((p) => n.startsWith(p)) || [...contains].some((c) => n.includes(c));
  const keys = [...new Set([...[...names].filter((n) => !covered(n)), ...[...prefixes].map(prefixKey)])].sort();
  const filter = buildFilter(keys, corpus.map(filterKeys));
  const used = [...new Set(hosts.map((h) => h.platform))];
  const lines = [
    '// Generated by scripts/generate-tables.mjs from core/catalog/ and third_party/open-cookie-database/. Do not edit.',
    '// What smartcp.js knows before the core is ready: a Bloom filter over the names that may need consent and',
    `// the prefixes of those that start so (${keys.length} keys, see filterKeys), the substrings that may, and the`,
    '// tracker endpoints.',
    `export const FILTER = {bits: '${filter.base64}', size: ${filter.size}, hashes: ${filter.hashes}, seed: ${filter.seed}, cut: ${PREFIX_CUT}};`,
    `export const CONTAINS = ${JSON.stringify([...contains].sort())};`,
    '// "match bits platform flags" joined by ";": the category bits, the platform (index into HOST_PLATFORMS),',
    '// flags (1 Google tag, 2-4 consent signal). A host its parent domain covers with the same values is left',
    '// out (a host matches its subdomains).',
    `export const HOST_PLATFORMS = ${JSON.stringify(used.map((i) => platforms[i].name))};`,
    `export const HOSTS = '${compactHosts(hosts.map((h) => [h.match, CATEGORY_BITS[h.category], used.indexOf(h.platform), hostFlags(h)]))}';`,
    '',
  ];
  return lines.join('\n');
}

function platformsMd(platforms) {
  const rows = platforms.filter((p) => p.entries.length || p.hosts.length).map((p) => {
    const count = (c) => p.entries.filter((e) => e.needs === c && !e.generic).length;
    const generic = p.entries.filter((e) => e.generic).length;
    return `| ${p.name.replace(/\|/g, '\\|')} | ${count('analytics')} | ${count('marketing')} | ${count('functional')} | ${generic} | ${p.hosts.length} |`;
  });
  return ['# Platforms SmartCP knows',
    '',
    'Generated by `scripts/generate-tables.mjs` from the tracker database (the Open Cookie Database, read with',
    '`core/catalog/database-policy.json`) and the project\'s endpoint list (`core/catalog/hosts.json`). Do not edit.',
    '',
    'Per platform: the storage keys gated with no configuration (analytics, marketing), the functional ones (never',
    'refused, listed in the dialog and the declaration), the generic ones (names a site may use for its own keys: they',
    'apply only when the site names the platform in `platforms`), and the endpoints whose scripts and requests wait for',
    'consent. Override a platform\'s category or switch it off with `platforms` (see the README).',
    '',
    `${platforms.length} platforms.`,
    '',
    '| Platform | Analytics keys | Marketing keys | Functional keys | Generic keys | Endpoints |',
    '|---|---|---|---|---|---|',
    ...rows, ''].join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  const { entries: dbEntries, problems } = readDatabase();
  const vendors = readVendors();
  const hostList = json('core/catalog/hosts.json').hosts;
  const corpus = json('tests/corpus/first-party-names.json').names;

  // Platforms: the database's, and the endpoint list's; sorted by name.
  const names = [...new Set([...dbEntries.map((e) => e.platform), ...hostList.map((h) => h.platform)])]
    .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1));
  const platforms = names.map((name) => ({ name, entries: [], hosts: [] }));
  const index = new Map(names.map((n, i) => [n, i]));
  for (const e of dbEntries) platforms[index.get(e.platform)].entries.push(e);
  for (const p of platforms) p.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.wildcard - b.wildcard));
  const db = platforms.flatMap((p) => p.entries);
  const hosts = hostList.map((h) => ({ ...h, platform: index.get(h.platform) }));
  for (const h of hosts) platforms[h.platform].hosts.push(h);

  const outputs = {
    'core/src/generated/builtin_tables.cpp': cppTables({ vendors, platforms, db, hosts }),
    'js/generated/known.js': knownJs({ vendors, db, hosts, platforms, corpus }),
    'docs/platforms.md': platformsMd(platforms),
  };
  // The README's list of platforms, between its markers.
  const readme = read('README.md');
  const start = '<!-- platforms:start -->';
  const end = '<!-- platforms:end -->';
  if (readme.includes(start) && readme.includes(end)) {
    const covered = platforms.filter((p) => p.entries.some((e) => e.needs !== 'functional') || p.hosts.length).map((p) => p.name);
    const list = `${start}\n${covered.length} platforms: ${covered.join(', ')}.\n${end}`;
    outputs['README.md'] = readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), list);
  }

  let stale = 0;
  for (const [file, content] of Object.entries(outputs)) {
    const target = path.join(root, file);
    let current = null;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // not written yet
    }
    if (current === content) continue;
    if (check) {
      console.error(`generate-tables: ${file} is not what the sources give; run node scripts/generate-tables.mjs`);
      stale++;
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      console.log(`generate-tables: wrote ${file}`);
    }
  }
  const gated = db.filter((e) => e.needs !== 'functional' && !e.generic).length;
  console.log(`generate-tables: ${platforms.length} platforms, ${db.length} database entries (${gated} gated by default, ` +
    `${db.filter((e) => e.generic).length} generic), ${hosts.length} endpoints${problems.length ? `; ${problems.length} rows skipped` : ''}`);
  if (stale) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
