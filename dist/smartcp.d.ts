// Types of SmartCP's public API (window.SmartCP), its events and its configuration.
// Shipped as dist/smartcp.d.ts; `import type { SmartCPConfig } from 'smartcp'` in a bundler project,
// or a reference to this file, also types `window.SmartCP` and the `smartcp:*` window events.

export type Category = 'functional' | 'analytics' | 'marketing';
export type OptionalCategory = Exclude<Category, 'functional'>;
export type StorageKind = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB' | 'cacheStorage';
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'api';
/** A BCP 47 language tag. The 24 official EU languages are built in; any other comes with the site's `texts.<tag>`. */
export type BuiltInLanguage = 'bg' | 'cs' | 'da' | 'de' | 'el' | 'en' | 'es' | 'et' | 'fi' | 'fr' | 'ga' | 'hr' | 'hu' | 'it' | 'lt' | 'lv' | 'mt' | 'nl' | 'pl' | 'pt' | 'ro' | 'sk' | 'sl' | 'sv';
export type Language = BuiltInLanguage | (string & {});

/** The choice in force, as `getConsent()` gives it. */
export interface Consent {
  id: string;
  revision: number;
  categories: { functional: true; analytics: boolean; marketing: boolean };
  method: ConsentMethod;
  /** When the choice was made, in milliseconds since 1970. */
  timestamp: number;
  /** When the visitor will be asked again, in milliseconds since 1970. */
  expires: number;
}

/** The consent record, as `exportRecord()` gives it (as JSON text) and the consent cookie holds it. */
export interface ConsentRecord extends Consent {
  version: 2;
  /** The host the choice was made on: a record is valid there only. */
  site: string;
  /** The language of the texts the visitor saw. */
  lang: Language;
  /** SHA-256 (or, without crypto.subtle, FNV-1a) of those texts, hex; '' for a choice made through the API. */
  textHash: string;
  /** Whether Global Privacy Control applied. */
  gpc: boolean;
}

/** What `logEndpoint` receives for each choice, as a JSON POST body. */
export interface ConsentLogEntry {
  id: string;
  revision: number;
  categories: Consent['categories'];
  method: ConsentMethod;
  timestamp: number;
  lang: Language;
  textHash: string;
  gpc: boolean;
  /** The page's origin and path: no query string, no fragment. */
  url: string;
}

/**
 * A write the guard refused, or a tracker's script or request it held. A redacted write is listed with the
 * category of what was removed; a script or request with its URL as `name` and its platform.
 */
export interface BlockedWrite {
  name: string;
  kind: StorageKind | 'script' | 'request';
  category: Category | 'unknown';
  reason: 'not-granted' | 'unknown-blocked' | 'fields-removed' | 'invalid-input' | 'reserved' | 'held-limit'
    | 'core-unavailable' | 'guard-error';
  time: number;
  /** The tracker's platform, for scripts and requests. */
  platform?: string | null;
}

/** A key the page wrote or tried to write, as SmartCP classified it. */
export interface ObservedKey {
  name: string;
  kind: StorageKind;
  /** The tracker database's platform, or the vendor's name; null for the site's own keys. */
  platform: string | null;
  category: Category;
  /** Where the classification came from. */
  source: 'site-catalog' | 'vendor-catalog' | 'database' | 'vendor-prefix' | 'unknown';
  /** The last write's verdict ('held' while the core was not ready). */
  verdict: 'allow' | 'redact' | 'refuse' | 'held';
  reason: string;
  /** How many writes; the first and the last, in milliseconds since 1970. */
  count: number;
  first: number;
  last: number;
}

export interface SmartCPEvents {
  /** The consent state is known: the choice in force, or null when the visitor has not chosen. */
  ready: Consent | null;
  /** A choice was recorded in this tab. */
  consent: Consent;
  /** The granted categories changed (here or in another tab); null after `reset()`. */
  change: Consent | null;
  blocked: BlockedWrite;
  error: { message: string };
}

export interface SmartCP {
  /** Resolves once the consent state is known; rejects if the core cannot load (storage then stays closed). */
  readonly ready: Promise<Consent | null>;
  getConsent(): Consent | null;
  accepted(category: Category): boolean;
  /** Whether a write of `name` would be allowed now. */
  isAllowed(name: string, kind?: StorageKind): boolean;
  acceptAll(): Promise<Consent>;
  rejectAll(): Promise<Consent>;
  /** Categories left out keep their current state. Rejects, changing nothing, on anything else. */
  setConsent(choice: Partial<Record<OptionalCategory, boolean>>): Promise<Consent>;
  /** Forgets the choice: the visitor is asked again. */
  reset(): Promise<void>;
  show(): Promise<void>;
  showPreferences(): Promise<void>;
  /** Closes the banner or the dialog. Closing is not consent. */
  hide(): Promise<void>;
  /** A language the widget has texts for (one of the 24 built in, or one the config adds through `texts`); settles once shown, rejects on any other. */
  setLanguage(lang: Language): Promise<void>;
  on<E extends keyof SmartCPEvents>(event: E, handler: (detail: SmartCPEvents[E]) => void): SmartCP;
  off<E extends keyof SmartCPEvents>(event: E, handler: (detail: SmartCPEvents[E]) => void): SmartCP;
  blocked(): BlockedWrite[];
  /** Every key the page wrote or tried to write, classified: platform, category, where that came from, verdict. */
  observed(): ObservedKey[];
  /** The consent record as JSON text (see ConsentRecord), or null. */
  exportRecord(): string | null;
}

export type CategoryList = Category | Category[];

/** An entry of your own in `catalog`. */
export interface CatalogEntry {
  /** A literal name, with <PLACEHOLDER>s and `*` wildcards. */
  name: string;
  kind: StorageKind | StorageKind[];
  category?: CategoryList;
  categories?: CategoryList;
  vendor?: string;
  /** 1 to 3650; null: a session cookie, or storage kept until deleted. */
  retentionDays?: number | null;
  purpose?: string | Partial<Record<Language, string>>;
  /** For JSON object values: top-level fields that need other categories. */
  fields?: Record<string, CategoryList>;
}

export interface SmartsuppConfig {
  key: string;
  category?: CategoryList;
  cookiePrefix?: string;
  cookieDomain?: string;
  cookiePath?: string;
  /** The chat's loader when not Smartsupp's own (self-hosted or proxied). Not passed to Smartsupp. */
  scriptUrl?: string;
  /** Any other option is passed to `window._smartsupp` as it is. */
  [option: string]: unknown;
}

export interface SmartlookConfig {
  key: string;
  region?: 'eu' | 'us';
  category?: CategoryList;
  /** The recorder when not Smartlook's own (self-hosted or proxied). */
  scriptUrl?: string;
}

export type TextId =
  | 'title' | 'description' | 'descriptionChat' | 'policyLink' | 'acceptAll' | 'rejectAll' | 'preferences' | 'save' | 'close'
  | 'dialogTitle' | 'dialogDescription' | 'alwaysOn'
  | 'functionalTitle' | 'functionalDescription' | 'functionalDescriptionChat' | 'analyticsTitle' | 'analyticsDescription'
  | 'analyticsDescriptionRecording' | 'marketingTitle' | 'marketingDescription'
  | 'details' | 'tableCaption' | 'colName' | 'colKind' | 'colVendor' | 'colPurpose' | 'colRetention'
  | 'kindCookie' | 'kindLocalStorage' | 'kindSessionStorage' | 'days_zero' | 'days_one' | 'days_two' | 'days_few' | 'days_many' | 'days_other'
  | 'retentionSession' | 'retentionUntilDeleted' | 'retentionUpTo' | 'thisSite' | 'none' | 'processor'
  | 'processorCompanyId' | 'processorDpo' | 'processorLocation'
  | 'gpcMarketing' | 'gpcAll' | 'saved' | 'heldPlatforms' | 'reopen';

/** What the site says of a platform of the tracker database (docs/platforms.md lists them). */
export type PlatformSetting =
  /** true: the site runs it (its generic names apply too); false: its keys and endpoints are not applied. */
  | boolean
  /** What all of its keys and endpoints need instead of the database's category. */
  | CategoryList
  | { category?: CategoryList; generic?: boolean };

/** The JSON in <script type="application/json" id="smartcp-config">. Every field is optional. */
export interface SmartCPConfig {
  vendors?: { smartsupp?: SmartsuppConfig | null | false; smartlook?: SmartlookConfig | null | false };
  /** Raise it when your cookie use changes: every visitor is asked again. */
  revision?: number;
  lang?: Language;
  /** 1 to 395, default 182. */
  expiryDays?: number;
  /** 1 to 395, default 395. */
  maxCookieDays?: number;
  unknownKeys?: 'allow' | 'analytics' | 'marketing' | 'block';
  gpc?: 'marketing' | 'all' | 'ignore' | boolean;
  logEndpoint?: string;
  policyUrl?: string;
  theme?: 'auto' | 'light' | 'dark';
  /** The banner: a compact corner `box` (full width on phones), a full-width `bar`, or a centred `modal` over a dimmed page. */
  layout?: 'box' | 'bar' | 'modal';
  /**
   * Where the banner sits: a corner, or centred on an edge (a `bar` takes the top or bottom edge; a `modal`
   * is always centred). "auto" (default): bottom-left beside the Smartsupp chat, whose bubble is
   * bottom-right; else bottom-right.
   */
  position?: 'auto' | 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'bottom' | 'top';
  reopenButton?: 'bottom-left' | 'bottom-right' | 'none' | false;
  /**
   * Google Consent Mode: "basic" (default; true means the same) holds Google's tags until consent like
   * any tracker's; "advanced" lets them load at once with the default signals; false sends no signals.
   */
  consentMode?: boolean | 'basic' | 'advanced';
  /** 0 to 10000 ms, default 500. */
  waitForUpdate?: number;
  /** Explain decisions in the console: each refused or redacted write and held script or request, once, with its rule; keys no catalog knows, with an entry to paste. */
  debug?: boolean;
  catalog?: CatalogEntry[];
  /** The tracker database's platforms, by name: override a category, switch one off, or on with its generic names. */
  platforms?: Record<string, PlatformSetting>;
  /** Platforms whose keys the cookie declaration lists (<div data-smartcp-declaration>). */
  declare?: string[];
  /** Tracker endpoints of the site's own: a host or host/path prefix, and the category it needs, or false (never held). */
  hosts?: Record<string, CategoryList | false>;
  texts?: Partial<Record<Language, Partial<Record<TextId, string>>>>;
}

declare global {
  interface Window {
    /** Undefined when smartcp.js did not run (not on the page, or removed by a blocker): `window.SmartCP?.…`. */
    readonly SmartCP?: SmartCP;
  }
  interface WindowEventMap {
    'smartcp:ready': CustomEvent<Consent | null>;
    'smartcp:consent': CustomEvent<Consent>;
    'smartcp:change': CustomEvent<Consent | null>;
    'smartcp:blocked': CustomEvent<BlockedWrite>;
    'smartcp:error': CustomEvent<{ message: string }>;
  }
}
