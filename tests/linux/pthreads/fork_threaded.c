/*
 * fork in a process with a second thread.  Linux forks; Tessera, whose
 * address space holds one process at a time, refuses with ENOSYS and says
 * why in one line on stderr (tests/integration/test_pthreads.py).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int stop;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stop)
		pthread_cond_wait(&never, &lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t;
	pid_t pid;

	pthread_create(&t, NULL, waiter, NULL);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	printf("fork: %s\n", pid > 0 ? "a child" : strerror(errno));
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_signal(&never);
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	printf("the other thread went on\n");
	return 0;
}
