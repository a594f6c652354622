// The raw text of a quarantined row as the Data page shows it: a JSON record's customer_id replaced
// by the keyed hash the ingest stores for it (ingest/pseudonymise.ts, bound as $pii_key), so the page
// shows "p_…" exactly as the events and tickets hold it, never the raw id. Text that is not a JSON
// object with a customer id (e.g. a CSV line the reader refused) is shown as stored.
import { hashSql } from '../../../ingest/pseudonymise.ts';

const RAW_ID = `json_extract_string(raw, '$.customer_id')`;

export const PSEUDONYMISED_RAW = `CASE WHEN json_valid(raw) AND json_type(raw) = 'OBJECT' AND ${RAW_ID} IS NOT NULL
  THEN json_merge_patch(raw, json_object('customer_id', ${hashSql(RAW_ID)}))::VARCHAR ELSE raw END`;
