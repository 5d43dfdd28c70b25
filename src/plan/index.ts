export * from './integral.js';
export * from './load-plan.js';
export * from './phases.js';
export * from './random.js';
export * from './requests.js';
export * from './template.js';
