/** Aliases from `@omnibridge/<pkg>` (and `/testing`) to workspace sources, for tests. */
export declare function workspaceAliases(): { find: RegExp; replacement: string }[];
