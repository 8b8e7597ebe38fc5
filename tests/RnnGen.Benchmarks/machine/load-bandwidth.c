/* One core's read bandwidth from each cache level: 512-bit loads summed into 8 independent accumulators over a buffer
   of 24 KiB (L1d), 768 KiB (L2 on every machine this project runs on) and 64 MiB (L3 or memory), swept again and
   again. The limits of docs/benchmarks.md divide weight bytes by these. machine/probe.sh builds and runs it. */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double sweep(const float *buffer, size_t floats, long rounds, float *sink) {
  __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long r = 0; r < rounds; r++) {
    for (size_t i = 0; i < floats; i += 128) {
      s0 = _mm512_add_ps(s0, _mm512_load_ps(buffer + i));
      s1 = _mm512_add_ps(s1, _mm512_load_ps(buffer + i + 16));
      s2 = _mm512_add_ps(s2, _mm512_load_ps(buffer + i + 32));
      s3 = _mm512_add_ps(s3, _mm512_load_ps(buffer + i + 48));
      s4 = _mm512_add_ps(s4, _mm512_load_ps(buffer + i + 64));
      s5 = _mm512_add_ps(s5, _mm512_load_ps(buffer + i + 80));
      s6 = _mm512_add_ps(s6, _mm512_load_ps(buffer + i + 96));
      s7 = _mm512_add_ps(s7, _mm512_load_ps(buffer + i + 112));
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)), _mm512_add_ps(_mm512_add_ps(s4, s5), _mm512_add_ps(s6, s7)));
  *sink += _mm512_reduce_add_ps(s);
  double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  return (double)floats * 4 * rounds / seconds / 1e9;
}

int main(void) {
  const size_t sizes[] = { 24u << 10, 768u << 10, 64u << 20 };
  const char *names[] = { "L1", "L2", "L3" };
  float sink = 0;
  for (int level = 0; level < 3; level++) {
    size_t floats = sizes[level] / 4;
    float *buffer = aligned_alloc(64, sizes[level]);
    for (size_t i = 0; i < floats; i++) buffer[i] = (float)(i % 7);
    long rounds = (long)(4e9 / sizes[level]) + 1; /* about 4 GB read per reading */
    for (int r = 0; r < 3; r++) {
      double gbs = sweep(buffer, floats, rounds, &sink);
      printf("%s read %.1f GB/s (%zu KiB buffer, 512-bit loads)\n", names[level], gbs, sizes[level] >> 10);
    }
    free(buffer);
  }
  fprintf(stderr, "checksum %g\n", sink);
  return 0;
}
