/** `Row 2 ("mug_1")`: how messages name a row (1-based, as people count). */
export const rowLabel = (index: number, id: string): string => `Row ${index + 1} (${JSON.stringify(id)})`;
