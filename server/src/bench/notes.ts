/** The hand-written part of docs/PERFORMANCE.md: how to reproduce, and why it is fast. */
export const NOTES = `## How to reproduce

TODO
`;
