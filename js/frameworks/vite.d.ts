import type { Plugin } from 'vite';
import type { SmartCPConfig } from '../smartcp.d.ts';

export interface SmartCPPluginOptions {
  /** What goes in <script type="application/json" id="smartcp-config">; checked by the core at build time. */
  config?: SmartCPConfig;
  /** Where SmartCP's files are served, relative to the app's base. Default "smartcp/". */
  base?: string;
}

/** Serves and copies dist/, and writes the config and smartcp.js first in <head> of every page. */
export default function smartcp(options?: SmartCPPluginOptions): Plugin;
