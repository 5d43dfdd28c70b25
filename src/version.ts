// The tool's version, reported in --version and in every report.
export const VERSION = '0.1.0';
