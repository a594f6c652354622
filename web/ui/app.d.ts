// Ambient types for the dashboards: SvelteKit's $app/* modules and Svelte's runes, so that the
// plain tsconfig (which does not extend .svelte-kit/tsconfig.json) checks web/ui/**/*.ts too.
/// <reference types="@sveltejs/kit" />
/// <reference types="svelte" />
export {};
