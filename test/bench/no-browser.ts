/** The bench runs adapters in a plain page: the editor bridge (the only wxt/browser user) is never called. */
export const browser = { runtime: { getURL: (path: string) => path } };
