// Types of csp-directives.js (plain JS, shared with svelte.config.js).
export declare const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>;
export declare function cspHeaderDirectives(): Record<string, string[]>;
