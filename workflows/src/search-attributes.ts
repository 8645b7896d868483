import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes that make runs easy to find in the Temporal UI. */
export const SEARCH_ATTRIBUTES = {
  pipelineType: defineSearchAttributeKey('PipelineType', SearchAttributeType.KEYWORD),
  pipelineStage: defineSearchAttributeKey('PipelineStage', SearchAttributeType.KEYWORD),
  datasetVersion: defineSearchAttributeKey('DatasetVersion', SearchAttributeType.KEYWORD),
  modelVersion: defineSearchAttributeKey('ModelVersion', SearchAttributeType.KEYWORD),
} as const;

/** `Name=Type` pairs in the form `temporal server start-dev --search-attribute` expects. */
export const searchAttributeRegistrations = (): string[] =>
  Object.values(SEARCH_ATTRIBUTES).map((key) => `${key.name}=${cliTypeName(key.type)}`);

function cliTypeName(type: SearchAttributeType): string {
  const names: Record<SearchAttributeType, string> = {
    [SearchAttributeType.TEXT]: 'Text',
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.INT]: 'Int',
    [SearchAttributeType.DOUBLE]: 'Double',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  };
  return names[type];
}
