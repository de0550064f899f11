#include <stdio.h>
int acme_answer(void);
int main(void) { printf("acme says %d\n", acme_answer()); return 0; }
