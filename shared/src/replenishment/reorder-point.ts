export interface ReorderPointInputs {
  z: number;
  /** d̄ per day. */
  meanDemand: number;
  /** σ_d per day. */
  demandStdDev: number;
  /** L̄ in days. */
  leadTime: number;
  /** σ_L in days. */
  leadTimeStdDev: number;
}

/** σ_LTD = √(L̄·σ_d² + d̄²·σ_L²): spread of the demand during a lead time, both varying. */
export function leadTimeDemandStdDev(i: Omit<ReorderPointInputs, 'z'>): number {
  return Math.sqrt(i.leadTime * i.demandStdDev ** 2 + i.meanDemand ** 2 * i.leadTimeStdDev ** 2);
}

/** SS = z·σ_LTD. */
export function safetyStock(i: ReorderPointInputs): number {
  return i.z * leadTimeDemandStdDev(i);
}

/** ROP = d̄·L̄ + SS: expected demand during a lead time plus the safety stock. */
export function computedReorderPoint(i: ReorderPointInputs): number {
  return i.meanDemand * i.leadTime + safetyStock(i);
}
