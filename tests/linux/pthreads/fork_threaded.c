/*
 * fork in a process with a second thread (tests/integration/test_pthreads.py
 * compares the output with the host's).  The child has the forking thread
 * only and a copy of the memory, and can start threads of its own; the
 * parent's other thread goes on afterwards.  (Under Tessera it waits while
 * the child runs: one address space holds one process at a time.)
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int stop, ready, shared_value;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	shared_value = 42;
	ready = 1;
	pthread_cond_broadcast(&changed);
	while (!stop)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *child_thread(void *arg)
{
	return (void *)((long)arg * 2);
}

/* The child: what it sees, and a thread of its own; exits 0 if all went as on Linux. */
static int child(void)
{
	pthread_t t;
	void *ret;

	if (shared_value != 42)
		return 1;
	shared_value = 7;
	if (pthread_create(&t, NULL, child_thread, (void *)21) || pthread_join(t, &ret))
		return 2;
	return ret == (void *)42 ? 0 : 3;
}

int main(void)
{
	pthread_t t;
	int status = -1;
	pid_t pid;

	pthread_create(&t, NULL, waiter, NULL);
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child());
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		printf("fork: %s\n", strerror(errno));
	printf("child: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "as on Linux" : "wrong");
	printf("parent's memory untouched: %s\n", shared_value == 42 ? "yes" : "no");
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	printf("the other thread went on\n");
	return 0;
}
