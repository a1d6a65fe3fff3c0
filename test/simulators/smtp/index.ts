export { startSmtpCapture, SmtpCapture, type CapturedMail } from './capture';
