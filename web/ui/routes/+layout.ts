// Every dashboard renders in the browser: data comes from /api with the session cookie, so
// there is nothing for the server to render (and no token on the server side to render with).
export const ssr = false;
export const prerender = false;
