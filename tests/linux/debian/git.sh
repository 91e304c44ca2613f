# git: init, add, commit, diff, branches, a merge, gc (pack-objects), fsck, in a
# repository in ramfs.
# Run by tests/integration/test_debian_programs.py in an empty directory, natively and
# under Tessera (Debian's /usr shared read-only); the two outputs must be equal.
export LC_ALL=C.UTF-8 GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@e
export GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' GIT_CONFIG_NOSYSTEM=1 HOME=$PWD
git config --global init.defaultBranch main; git config --global core.pager cat
git init -q repo && cd repo
printf 'one\ntwo\n' > a.txt; mkdir sub; echo deep > sub/b.txt
git add -A && git commit -q -m first && git log --oneline
echo three >> a.txt; git diff --stat; git commit -qam second
git log --format='%H %s'; git show --stat HEAD | tail -2
git branch feat; git checkout -q feat; echo f > f.txt; git add f.txt; git commit -qm feat
git checkout -q main; git merge -q --no-edit feat; git log --oneline | wc -l
git ls-files; git cat-file -p HEAD^{tree}
git gc -q && git count-objects -v | grep -E '^(count|in-pack)'
git fsck --no-progress && echo fsck ok
git tag v1; git describe; git status --short; echo done
