#pragma once
// The job queue's tables in PostgreSQL, versioned in `oitscan_schema`. Every worker and `enqueue`
// calls prepare_queue_schema() on start; migrations run under an advisory lock, so many workers
// starting at once apply each one exactly once.
#include "queue/pg_connection.hpp"

namespace oitscan::queue {

inline constexpr int kQueueSchemaVersion = 3;

// Migrates to kQueueSchemaVersion; returns the version found before. Throws PgError when the
// database was written by a newer oitscan.
int prepare_queue_schema(PgConnection& db);

}  // namespace oitscan::queue
