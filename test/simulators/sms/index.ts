export { DEFAULT_TWILIO_ACCOUNT, SmsSink, startSmsSink, type SmsSinkOptions } from './sink';
export type { SmsMessage, TwilioAccount } from './twilio';
