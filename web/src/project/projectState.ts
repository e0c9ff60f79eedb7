/**
 * The working state a project file carries besides its tables: what the user set up and made.
 * Declared once, as a schema with its defaults, in projectConfig.ts; this name stays for importers.
 */
export type { ProjectState } from './projectConfig';
