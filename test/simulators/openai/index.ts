export { DEFAULT_MODELS, DEFAULT_OPENAI_KEY, OpenAiSimulator, startOpenAiSimulator, type ChatExchange, type OpenAiSimulatorOptions } from './simulator';
export { DEFAULT_SCRIPT_TOOLS, type ScriptTools } from './script';
export type { ChatMessage, ChatRequest, ModelTurn, ToolCall, ToolDefinition } from './protocol';
