-- A rejected row's reason is shown in the reader's language. The English reason stays the record; beside it
-- each row keeps the parts the reason was written from, in order: the column or field a part is about ("" for
-- the row as a whole), the bundle key of its sentence and the sentence's values as text, e.g.
--   [{"field":"quantity","key":"interaction.rule.quantity-max","values":["1000000"]}]
-- A part without a key was written in English only. Rows stored before have no parts and read in English.
ALTER TABLE import_rejection ADD COLUMN reason_parts JSONB;
