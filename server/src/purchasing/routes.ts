import type { ApiRoute } from '../api/route.ts';
import {
  cancelOrder,
  closeOrder,
  createOrder,
  getOrder,
  listOrders,
  sendOrder,
  supplierPerformanceRoute,
} from './order-routes.ts';
import { postReceipt, postReturn } from './receipt-routes.ts';

/** Purchase orders, receiving, returns, supplier performance. */
export const PURCHASING_ROUTES: ApiRoute[] = [
  createOrder,
  listOrders,
  getOrder,
  sendOrder,
  closeOrder,
  cancelOrder,
  postReceipt,
  postReturn,
  supplierPerformanceRoute,
];
