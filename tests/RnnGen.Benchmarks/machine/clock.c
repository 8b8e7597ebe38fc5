/* The clock, as a dependent chain of adds measures it (one add a cycle): machine/probe.sh builds and runs it. */
#include <stdio.h>
#include <time.h>
int main(void){
  struct timespec a,b; long n=2000000000L; volatile long sink;
  for (int r=0;r<3;r++){
  long x=0;
  clock_gettime(CLOCK_MONOTONIC,&a);
  for(long i=0;i<n;i++){ __asm__ volatile("add $1, %0" : "+r"(x)); }
  clock_gettime(CLOCK_MONOTONIC,&b);
  sink=x;
  double s=(b.tv_sec-a.tv_sec)+(b.tv_nsec-a.tv_nsec)/1e9;
  printf("%.3f GHz (1 dependent add + loop per iteration)\n", n/s/1e9);
  }
  return 0;
}
