// The demo: for now the sandbox alone (the sync engine issue turns this into the full demo).
export {};

await import('../sandbox/cli.ts');
