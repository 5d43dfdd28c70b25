/** Public surface of the cost model (pure: no files, sockets or process). */
export { InvalidOverrideError, UnknownServiceError } from './errors.js';
export { UsageLedger } from './ledger.js';
export type { MeterContext, ServiceMeter } from './meters/index.js';
export { getMeter, meterById } from './meters/index.js';
export { formatUsd, roundUsd, sumUsd } from './money.js';
export {
  listServices,
  type PriceServiceOptions,
  priceService,
  priceUsage,
  type ServiceInfo,
  toBill,
} from './price.js';
export { getPricing, isServiceId, pricingById, type ServiceId, serviceIds } from './pricing/index.js';
export { applyOverrides } from './resolve.js';
export { billedDurationMs, billedMemoryMb, roundUpToStep } from './rounding.js';
export { splitIntoTiers, type TierBound, type TierBucket, tierIndexAt } from './tiers.js';
export type {
  Bill,
  Confidence,
  CostLine,
  Param,
  Provider,
  Rate,
  ServiceOverrides,
  ServicePricing,
} from './types.js';
export {
  overridesSchemaFor,
  type ServiceUsage,
  type ServiceUsageInput,
  serviceUsageSchema,
  type UsageFile,
  type UsageFileInput,
  usageFileSchema,
} from './usage-schema.js';
