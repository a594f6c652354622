-- Chinese and English names of dimension values (problem types, channels, regions, ...): events
-- carry ids such as return_exchange; screens show these names. Teams keep theirs in teams.
CREATE TABLE value_labels (
  dimension VARCHAR NOT NULL,   -- an event field: problem_type, problem_subtype, channel, region, product, priority
  value     VARCHAR NOT NULL,
  name_zh   VARCHAR,
  name_en   VARCHAR,
  PRIMARY KEY (dimension, value)
);
