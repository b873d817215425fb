// Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, MPI_IN_PLACE, ...) are macros
// that cast the address of a global to a pointer type: Swift cannot import them. These
// inline functions hand them to Swift. Only used when Loom is built with `--traits MPI`.
#ifndef CLOOM_MPI_SHIM_H
#define CLOOM_MPI_SHIM_H
#include <mpi.h>

static inline MPI_Comm cloom_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype cloom_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype cloom_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype cloom_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype cloom_mpi_long(void) { return MPI_LONG; }
static inline MPI_Op cloom_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op cloom_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op cloom_mpi_min(void) { return MPI_MIN; }
static inline void *cloom_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler cloom_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }

#endif
