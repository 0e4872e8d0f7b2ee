// What other components may use from notifications.
export { enqueueCustomerNotification, enqueueStaffNotification, type EnqueueNotificationInput } from './enqueue';
export {
  NOTIFICATION_TEMPLATES,
  TEMPLATE_PARAMS,
  renderNotification,
  type NotificationParams,
  type NotificationTemplate,
} from './templates';
export { notificationDispatcher, dispatchDueNotifications, type DispatcherOptions } from './dispatcher';
export { notificationResource } from './resources';
export { notificationRoutes } from './routes';
