/* One core's FP32 FMA throughput: 12 independent vfmadd231ps zmm per iteration, no loads, so the loop runs at the
   FMA pipes' rate (Zen 4: one 512-bit FMA a cycle, 32 FLOPs; a Xeon with two 512-bit FMA ports: two, 64 FLOPs). machine/probe.sh builds and runs it. */
#include <stdio.h>
#include <time.h>
int main(void){
  for (int r=0;r<5;r++){
  long n=100000000L; struct timespec t0,t1;
  __asm__ volatile("vxorps %%zmm0,%%zmm0,%%zmm0\n vxorps %%zmm1,%%zmm1,%%zmm1\n vxorps %%zmm2,%%zmm2,%%zmm2\n" ::: "xmm0","xmm1","xmm2");
  clock_gettime(CLOCK_MONOTONIC,&t0);
  for(long i=0;i<n;i++){
    __asm__ volatile(
      "vfmadd231ps %%zmm1, %%zmm2, %%zmm4\n vfmadd231ps %%zmm1, %%zmm2, %%zmm5\n vfmadd231ps %%zmm1, %%zmm2, %%zmm6\n vfmadd231ps %%zmm1, %%zmm2, %%zmm7\n"
      "vfmadd231ps %%zmm1, %%zmm2, %%zmm8\n vfmadd231ps %%zmm1, %%zmm2, %%zmm9\n vfmadd231ps %%zmm1, %%zmm2, %%zmm10\n vfmadd231ps %%zmm1, %%zmm2, %%zmm11\n"
      "vfmadd231ps %%zmm1, %%zmm2, %%zmm12\n vfmadd231ps %%zmm1, %%zmm2, %%zmm13\n vfmadd231ps %%zmm1, %%zmm2, %%zmm14\n vfmadd231ps %%zmm1, %%zmm2, %%zmm15\n"
      ::: "xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15");
  }
  clock_gettime(CLOCK_MONOTONIC,&t1);
  double s=(t1.tv_sec-t0.tv_sec)+(t1.tv_nsec-t0.tv_nsec)/1e9;
  printf("%.1f GFLOP/s FP32 = %.3f zmm FMA per ns (12 independent vfmadd231ps zmm per iteration)\n", n*12.0*32/s/1e9, n*12.0/s/1e9);
  }
  return 0;
}
